int a = 16777217;
double f = 16777216;
Console.WriteLine(a == f);
Console.WriteLine(a > f);
