double Root(double x)
{
    double g = x / 2;
    for (int i = 0; i < 20; i++) g = (g + x / g) / 2;
    return g;
}
Console.WriteLine(Root(2));
Console.WriteLine(Root(10));
Console.WriteLine(Root(1e6));
Console.WriteLine(Root(2) == Math.Sqrt(2));
