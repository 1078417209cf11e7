double x = 1.0 / 3;
Console.WriteLine(x.ToString());
Console.WriteLine($"{x:G}");
Console.WriteLine($"{x:E}");
Console.WriteLine($"{x:N}");
Console.WriteLine($"{12345.678:N2}");
Console.WriteLine($"{-0.0001:F2}");
