double ploaiaDeAdineauri = Weather.Rain;
Every(10000, () =>
{
    Plot("ploaie", Weather.Rain);
    Plot("vant", Weather.Wind);
});
Every(1000, () =>
{
    if (Weather.Wind > 30)
    {
        Led.Color("roșu");
    }
    else
    {
        Led.Color("verde");
    }
});
Every(30000, () =>
{
    double ploaia = Weather.Rain;
    if (ploaia > ploaiaDeAdineauri)
    {
        Console.WriteLine($"Plouă! Au căzut {ploaia - ploaiaDeAdineauri} mm în jumătate de minut");
    }
    ploaiaDeAdineauri = ploaia;
});
