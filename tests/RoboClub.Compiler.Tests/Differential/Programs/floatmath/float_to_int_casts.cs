double a = 2147483520;
Console.WriteLine((int)a);
double b = -2147483648;
Console.WriteLine((int)b);
double c = 1e9;
Console.WriteLine((int)c);
double d = -1e9 - 0.75;
Console.WriteLine((int)d);
