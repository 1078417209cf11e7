string s = "abc";
Console.WriteLine("before");
Console.WriteLine(s.Replace("", "x"));
