int min = int.MinValue;
int m1 = -1;
Console.WriteLine(min * m1);
Console.WriteLine(min / m1);
