Console.WriteLine(double.Parse("1,5"));
Console.WriteLine(double.Parse("1,000.25"));
Console.WriteLine(double.Parse(" -3.5 "));
Console.WriteLine(double.Parse("NaN"));
Console.WriteLine(double.Parse("Infinity"));
