int n = 42;
double d = 2.5;
Console.WriteLine(n.ToString() + d.ToString());
Console.WriteLine(true.ToString());
