for (int c = -40; c <= 100; c += 20)
{
    double f = c * 9.0 / 5 + 32;
    Console.WriteLine($"{c} C = {f} F");
}
double k = 36.6 * 9 / 5 + 32;
Console.WriteLine(k);
