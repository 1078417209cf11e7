int ModPow(int b, int e, int m)
{
    int result = 1;
    b %= m;
    while (e > 0)
    {
        if ((e & 1) == 1) result = result * b % m;
        b = b * b % m;
        e >>= 1;
    }
    return result;
}
Console.WriteLine(ModPow(2, 100, 1000));
Console.WriteLine(ModPow(7, 222, 997));
Console.WriteLine(ModPow(12345, 6789, 101));
