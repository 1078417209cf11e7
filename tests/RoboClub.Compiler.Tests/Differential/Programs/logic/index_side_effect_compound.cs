int[] a = { 10, 20, 30, 40 };
int i = 0;
a[i++] += 5;
Console.WriteLine($"{a[0]} {a[1]} {i}");
int calls = 0;
int Next() { calls++; Console.WriteLine("next " + calls); return calls; }
a[Next()] += Next() * 100;
Console.WriteLine($"{a[0]} {a[1]} {a[2]} {a[3]} calls {calls}");
a[Next()]++;
Console.WriteLine($"{a[3]} calls {calls}");
