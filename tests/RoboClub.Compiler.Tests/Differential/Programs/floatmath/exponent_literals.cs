double a = 1e3, b = 2.5e-3, c = 6.02e23;
Console.WriteLine(a);
Console.WriteLine(b);
Console.WriteLine(c);
Console.WriteLine(c * b);
Console.WriteLine(1e-5);
Console.WriteLine(123456789012.0);
