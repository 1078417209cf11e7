Every(10000, () =>
{
    double t = Weather.Temperature;
    double u = Weather.Humidity;
    double roua = t - (100 - u) / 5;
    Plot("umiditate", u);
    Plot("temperatura", t);
    Plot("roua", roua);
    if (t - roua < 3)
    {
        Led.Color("alb");
        Console.WriteLine("Ceață în curând!");
    }
});
