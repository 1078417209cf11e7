Console.WriteLine(Math.Max(3, 9));
Console.WriteLine(Math.Min(3, 9));
Console.WriteLine(Math.Max(-3, -9));
Console.WriteLine(Math.Abs(-42));
Console.WriteLine(Math.Abs(42));
int x = -5;
Console.WriteLine(Math.Abs(x) + Math.Max(x, 0));
