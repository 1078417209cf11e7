// Board limit, not a bug: texts longer than 1024 characters are a TextTooLong error on the board.
string s = "x";
for (int i = 0; i < 12; i++) s = s + s;
Console.WriteLine(s.Length);
