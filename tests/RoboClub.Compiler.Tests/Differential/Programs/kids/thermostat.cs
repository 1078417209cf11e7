bool heating = false;
Every(500, () =>
{
    double t = Weather.Temperature;
    if (!heating && t < 18) { heating = true; Led.Color("orange"); Console.WriteLine($"heat on at {t}"); }
    else if (heating && t > 21) { heating = false; Led.Off(); Console.WriteLine($"heat off at {t}"); }
    Plot("t", t);
});
