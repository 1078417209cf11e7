double t = 21.456;
Console.WriteLine($"{t:F2}");
Console.WriteLine($"{t:F0}");
Console.WriteLine($"{t:F1} C");
double neg = -0.125;
Console.WriteLine($"{neg:F2}");
