string s = "robot";
Console.WriteLine(s.Contains(""));
Console.WriteLine(s.IndexOf(""));
Console.WriteLine(s.StartsWith(""));
Console.WriteLine(s.Substring(5).Length);
Console.WriteLine("" + s.Replace("o", ""));
