int longest = 0, best = 0;
for (int start = 1; start < 60; start++)
{
    int n = start, steps = 0;
    while (n != 1) { n = n % 2 == 0 ? n / 2 : 3 * n + 1; steps++; }
    if (steps > longest) { longest = steps; best = start; }
}
Console.WriteLine($"{best} takes {longest} steps");
