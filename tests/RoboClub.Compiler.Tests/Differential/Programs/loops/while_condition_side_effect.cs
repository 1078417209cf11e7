int i = 0;
while (i++ < 5) Console.WriteLine(i);
Console.WriteLine("after " + i);
int j = 10;
while (--j > 6) Console.WriteLine(j);
