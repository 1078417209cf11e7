int n = 42;
double t = 3.5;
Console.WriteLine($"[{n,5}]");
Console.WriteLine($"[{n,-5}]");
Console.WriteLine($"[{t,8:F2}]");
