int Outer(int n)
{
    int Inner(int k) => k * k + 1;
    return Inner(n) + Inner(n + 1);
}
Console.WriteLine(Outer(3));
Console.WriteLine(Outer(-2));
