double x = 2.34567;
Console.WriteLine(Math.Round(x, 2));
Console.WriteLine(Math.Round(x, 0));
Console.WriteLine(Math.Round(-1.005, 2));
