bool amSpusCald = false;
double ploaiaDeAdineauri = Weather.Rain;
Every(10000, () =>
{
    double t = Weather.Temperature;
    Plot("temperatura", t);
    if (t > 25 && !amSpusCald)
    {
        Broadcast("cald");
        amSpusCald = true;
    }
    if (Weather.Rain > ploaiaDeAdineauri)
    {
        Broadcast("ploua");
    }
    ploaiaDeAdineauri = Weather.Rain;
});
OnMessage("ploua", () =>
{
    Led.Color("albastru");
    Console.WriteLine("Plouă la o stație vecină!");
});
OnMessage("cald", () =>
{
    Console.WriteLine("E cald la o stație din club.");
});
