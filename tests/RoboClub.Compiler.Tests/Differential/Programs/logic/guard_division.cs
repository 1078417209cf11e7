int d = 0;
int n = 10;
if (d != 0 && n / d > 1) Console.WriteLine("big");
else Console.WriteLine("safe");
bool ok = d == 0 || n / d > 1;
Console.WriteLine(ok);
