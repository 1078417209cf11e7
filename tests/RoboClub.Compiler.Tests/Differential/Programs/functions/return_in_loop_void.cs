void CountTo(int limit)
{
    for (int i = 1; ; i++)
    {
        if (i > limit) return;
        Console.WriteLine(i);
    }
}
CountTo(3);
CountTo(0);
Console.WriteLine("done");
