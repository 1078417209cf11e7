int one = 1;
int k = -1;
Console.WriteLine(one << k);
Console.WriteLine(-256 >> k);
int big = 1 << 30;
Console.WriteLine(big << 2);
