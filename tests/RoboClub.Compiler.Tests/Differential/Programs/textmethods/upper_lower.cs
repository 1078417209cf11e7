string s = "Robotul Ana";
Console.WriteLine(s.ToUpper());
Console.WriteLine(s.ToLower());
Console.WriteLine("mixed CASE 123".ToUpper());
