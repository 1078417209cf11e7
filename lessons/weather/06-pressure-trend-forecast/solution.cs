double înainte = Weather.Pressure;
Every(60000, () =>
{
    double acum = Weather.Pressure;
    double schimbare = acum - înainte;
    Console.WriteLine($"Presiunea: {acum} hPa (schimbarea într-un minut: {schimbare})");
    if (schimbare < -1)
    {
        Console.WriteLine("Vine ploaia!");
        Led.Color("albastru");
    }
    else if (schimbare > 1)
    {
        Console.WriteLine("Vreme frumoasă!");
        Led.Color("galben");
    }
    else
    {
        Console.WriteLine("Vremea rămâne la fel.");
        Led.Color("verde");
    }
    înainte = acum;
});
