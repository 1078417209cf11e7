string s = "  a-b-c  ";
Console.WriteLine("[" + s.Trim() + "]");
Console.WriteLine(s.Replace("-", "+"));
Console.WriteLine("banana".Replace("an", "AN"));
