int sum = 0;
for (int i = 0; i < 10; i++)
{
    switch (i % 3)
    {
        case 0: continue;
        case 1: sum += i; break;
        default: sum -= 1; break;
    }
    Console.WriteLine(i + " -> " + sum);
}
