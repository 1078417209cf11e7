Console.WriteLine(Math.Max(1.5, 2.5));
Console.WriteLine(Math.Min(1.5, 2.5));
Console.WriteLine(Math.Max(-0.5, -1.5));
Console.WriteLine(Math.Max(3, 2.5));
Console.WriteLine(Math.Min(3, 2.5));
