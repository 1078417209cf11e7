int[] v = { 1, 3, 4, 8, 13, 21, 34, 55, 89 };
int Find(int x, int lo, int hi)
{
    if (lo > hi) return -1;
    int mid = (lo + hi) / 2;
    if (v[mid] == x) return mid;
    return v[mid] < x ? Find(x, mid + 1, hi) : Find(x, lo, mid - 1);
}
foreach (int x in new int[] { 1, 8, 89, 2, 100 }) Console.WriteLine(x + " at " + Find(x, 0, v.Length - 1));
