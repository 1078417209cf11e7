List<int> a = new List<int> { 1, 2 };
List<int> b = a;
b.Add(3);
Console.WriteLine(a.Count);
int[] x = { 1, 2 };
int[] y = x;
y[0] = 50;
Console.WriteLine(x[0]);
