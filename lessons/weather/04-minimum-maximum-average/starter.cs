double minim = 100;
Every(10000, () =>
{
    double t = Weather.Temperature;
    Plot("temperatura", t);
});
