for (int i = 0; i <= 10; i++) Console.WriteLine(Math.Sqrt(i));
Console.WriteLine(Math.Pow(2, 10));
Console.WriteLine(Math.Pow(2, 0.5));
Console.WriteLine(Math.Pow(10, -2));
Console.WriteLine(Math.Sqrt(-1));
