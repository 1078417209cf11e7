double x = 0.5;
x++;
++x;
Console.WriteLine(x == 2.5);
double y = x++ + ++x;
Console.WriteLine(y == 7);
