for (int i = 0; i < 20; i++)
{
    if (i % 3 == 0) continue;
    if (i > 14) break;
    Console.WriteLine(i);
}
int k = 0;
while (true)
{
    k++;
    if (k == 7) break;
}
Console.WriteLine("k=" + k);
