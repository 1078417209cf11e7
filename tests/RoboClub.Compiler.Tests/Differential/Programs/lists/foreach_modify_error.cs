List<int> l = new List<int> { 1, 2, 3 };
foreach (int x in l)
{
    Console.WriteLine(x);
    if (x == 2) l.Add(99);
}
