int v = -2147483647;
Console.WriteLine(Math.Abs(v));
Console.WriteLine(Math.Max(int.MinValue, v));
Console.WriteLine(Math.Min(int.MinValue, v));
