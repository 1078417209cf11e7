string Kind(int n)
{
    switch (n % 4)
    {
        case 0: return "zero";
        case 1: return "one";
        case -1: return "minus one";
        default: return "other";
    }
}
for (int i = -3; i <= 5; i++) Console.WriteLine(i + " " + Kind(i));
