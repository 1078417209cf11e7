double[] xs = { 0.5, 1.5, 2.25, -3.75 };
double prod = 1;
foreach (double x in xs) prod *= x;
Console.WriteLine(prod);
