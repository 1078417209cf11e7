Console.WriteLine(Math.Abs(-2.5));
Console.WriteLine(Math.Abs(2.5));
double z = 0;
Console.WriteLine(Math.Abs(z));
double small = -1e-10;
Console.WriteLine(Math.Abs(small));
