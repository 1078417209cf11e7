int[] data = { 3, -1, 4, -1, 5, 9, 0, 2, 6 };
foreach (int d in data)
{
    if (d < 0) continue;
    if (d == 0) break;
    Console.WriteLine(d);
}
