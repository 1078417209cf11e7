Every(1000, () =>
{
    double t = Weather.Temperature;
    double h = Weather.Humidity;
    Plot("t", t);
    Plot("h", h);
    Console.WriteLine(t > 16 ? "warm" : "cold");
});
