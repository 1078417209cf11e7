int total = 0;
{
    int inner = 4;
    total += inner;
}
{
    int inner = 6;
    total += inner;
}
for (int i = 0; i < 3; i++) { int sq = i * i; total += sq; }
for (int i = 0; i < 3; i++) { total += i; }
Console.WriteLine(total);
