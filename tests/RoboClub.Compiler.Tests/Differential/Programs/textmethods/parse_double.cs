double a = double.Parse("2.5");
double b = double.Parse("-0.1");
Console.WriteLine(a + b);
Console.WriteLine(double.Parse("1e10"));
Console.WriteLine(double.Parse("3.4028236e38"));
Console.WriteLine(double.Parse("0.000001"));
Console.WriteLine(double.Parse("abc"));
