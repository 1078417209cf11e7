string s = "weather station";
Console.WriteLine(s.Contains("station"));
Console.WriteLine(s.Contains("robot"));
Console.WriteLine(s.StartsWith("wea"));
Console.WriteLine(s.EndsWith("ion"));
Console.WriteLine(s.EndsWith("x"));
