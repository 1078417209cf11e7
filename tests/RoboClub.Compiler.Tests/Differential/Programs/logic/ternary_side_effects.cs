int hits = 0;
int Hit(int v) { hits++; return v; }
int a = true ? Hit(1) : Hit(2);
int b = false ? Hit(3) : Hit(4);
Console.WriteLine($"{a} {b} {hits}");
