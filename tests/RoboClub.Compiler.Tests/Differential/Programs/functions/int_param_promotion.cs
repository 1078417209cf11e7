double Scale(double v) => v * 2;
int n = 7;
Console.WriteLine(Scale(n));
Console.WriteLine(Scale(3) + n);
