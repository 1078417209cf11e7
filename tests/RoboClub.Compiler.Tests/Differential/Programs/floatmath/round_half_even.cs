Console.WriteLine(Math.Round(0.5) == 0);
Console.WriteLine(Math.Round(1.5) == 2);
Console.WriteLine(Math.Round(2.5) == 2);
Console.WriteLine(Math.Round(-2.5) == -2);
