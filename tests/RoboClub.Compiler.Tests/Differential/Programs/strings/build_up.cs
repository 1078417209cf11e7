string s = "";
for (int i = 0; i < 10; i++) s = s + i;
Console.WriteLine(s);
string t = "";
for (int i = 0; i < 5; i++) t = i + "," + t;
Console.WriteLine(t);
