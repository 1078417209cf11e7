// arrays have no version: changing items during foreach is fine (and is seen)
int[] a = { 1, 2, 3, 4 };
foreach (int x in a)
{
    Console.WriteLine(x);
    if (x < 3) a[x + 1] = a[x + 1] * 10;
}
