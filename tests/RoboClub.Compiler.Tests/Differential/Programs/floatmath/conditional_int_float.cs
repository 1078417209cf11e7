bool b = true;
double d = b ? 1 : 2.5;
Console.WriteLine(d == 1);
int i = 3;
double e = b ? i / 2 : 0.5;
Console.WriteLine(e == 1);
