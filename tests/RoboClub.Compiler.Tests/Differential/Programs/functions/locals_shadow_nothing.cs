int Sum(int n)
{
    int total = 0;
    for (int i = 1; i <= n; i++) total += i;
    return total;
}
int total = Sum(10) + Sum(5);
Console.WriteLine(total);
