double x = 1e30;
Console.WriteLine(x * 1e10);
double y = 3.4e38;
Console.WriteLine(y * 10);
double tiny = 1e-30;
Console.WriteLine(tiny * 1e-20);
Console.WriteLine(tiny);
