string s = "abc";
Console.WriteLine(s.Substring(1, 2));
Console.WriteLine(s.Substring(2, 5));
