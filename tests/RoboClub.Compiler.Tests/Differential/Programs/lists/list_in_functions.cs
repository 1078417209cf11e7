List<int> Evens(int n)
{
    List<int> r = new List<int>();
    for (int i = 0; i <= n; i += 2) r.Add(i);
    return r;
}
int Sum(List<int> l) { int s = 0; foreach (int x in l) s += x; return s; }
var e = Evens(20);
Console.WriteLine(e.Count + " " + Sum(e));
