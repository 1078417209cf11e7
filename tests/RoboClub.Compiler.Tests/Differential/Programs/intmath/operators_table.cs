// every int operator over a small table of signed values (including both extremes)
int[] v = { int.MinValue, -7, -1, 0, 1, 3, int.MaxValue };
foreach (int a in v)
{
    foreach (int b in v)
    {
        string line = $"{a} {b}: {a + b} {a - b} {a * b} {a & b} {a | b} {a ^ b} {a << (b & 31)} {a >> (b & 31)}";
        if (b != 0 && !(a == int.MinValue && b == -1)) line += $" {a / b} {a % b}";
        Console.WriteLine(line);
    }
}
