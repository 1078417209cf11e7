int Find(int target)
{
    for (int i = 0; i < 100; i++)
    {
        if (i * i == target) return i;
        if (i * i > target) return -1;
    }
    return -2;
}
Console.WriteLine(Find(49));
Console.WriteLine(Find(50));
