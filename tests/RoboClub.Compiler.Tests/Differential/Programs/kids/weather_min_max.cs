double min = 1000, max = -1000, sum = 0;
int n = 0;
Every(1000, () =>
{
    double t = Weather.Temperature;
    n++;
    sum += t;
    min = Math.Min(min, t);
    max = Math.Max(max, t);
    Console.WriteLine($"#{n}: {t:F1} (min {min:F1}, max {max:F1}, avg {sum / n:F2})");
});
