int x;
int n = 0;
while ((x = n * n) < 50) { n++; }
Console.WriteLine($"{n} {x}");
