int[] a = { 1, 2, 3 };
int i = 2;
while (true) { Console.WriteLine(a[i]); i--; }
