// List<T>'s enumerator fails after any change, even replacing an item
List<int> l = new List<int> { 1, 2, 3 };
foreach (int x in l)
{
    Console.WriteLine(x);
    l[2] = 10;
}
