while (true)
{
    double t = Weather.Temperature;
    if (t > 25)
    {
        Led.Color("roșu");
    }
    else if (t < 15)
    {
        Led.Color("albastru");
    }
    else
    {
        Led.Color("verde");
    }
    Wait(1000);
}
