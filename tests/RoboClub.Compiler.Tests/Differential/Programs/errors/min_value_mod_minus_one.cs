int min = int.MinValue;
int m1 = -1;
Console.WriteLine("start");
Console.WriteLine(min % m1);
