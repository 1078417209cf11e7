int CountBig(int[] v, int limit) { int c = 0; foreach (int x in v) if (x > limit) c++; return c; }
int[] v = { 1, 50, 3, 70, 99, 2 };
Console.WriteLine(CountBig(v, 10));
Console.WriteLine(CountBig(v, 60));
