const double Third = 1.0 / 3;
Console.WriteLine(Third);
Console.WriteLine(Third * 3);
Console.WriteLine(0.1 * 3);
Console.WriteLine(Math.PI * 2);
Console.WriteLine((int)(0.1 * 3 * 10));
double r = 2;
Console.WriteLine(Math.PI * r * r);
