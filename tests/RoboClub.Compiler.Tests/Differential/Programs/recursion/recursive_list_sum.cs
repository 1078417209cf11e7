int Sum(List<int> l, int i) => i >= l.Count ? 0 : l[i] + Sum(l, i + 1);
var l = new List<int>();
for (int i = 1; i <= 20; i++) l.Add(i * 3);
Console.WriteLine(Sum(l, 0));
