int Pow(int b, int e)
{
    if (e == 0) return 1;
    int half = Pow(b, e / 2);
    return e % 2 == 0 ? half * half : half * half * b;
}
Console.WriteLine(Pow(3, 10));
Console.WriteLine(Pow(2, 30));
Console.WriteLine(Pow(2, 31));
Console.WriteLine(Pow(7, 13));
