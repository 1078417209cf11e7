int a = -17;
a %= 5;
Console.WriteLine(a);
a /= -2;
Console.WriteLine(a);
