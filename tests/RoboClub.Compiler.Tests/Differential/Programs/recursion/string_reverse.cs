string Rev(string s, int i) => i < 0 ? "" : s.Substring(i, 1) + Rev(s, i - 1);
Console.WriteLine(Rev("robotel", 6));
