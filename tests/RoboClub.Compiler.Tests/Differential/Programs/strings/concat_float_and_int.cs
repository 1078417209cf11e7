double x = 0.1;
int n = 3;
Console.WriteLine("x*n=" + x * n);
Console.WriteLine(x + n + "!");
Console.WriteLine("!" + x + n);
