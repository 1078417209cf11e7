// weather station: log every second
int samples = 0;
double maxTemp = -100;
Every(1000, () =>
{
    double t = Weather.Temperature;
    double h = Weather.Humidity;
    samples++;
    if (t > maxTemp) maxTemp = t;
    Plot("temperature", t);
    Plot("humidity", h);
    Console.WriteLine($"sample {samples}: {t} C, {h} %");
});
