for (int i = 0; i < 5; i++)
{
    Plot("i", i);
    Plot("half", i / 2.0);
    Plot("temp", Weather.Temperature);
    Wait(1000);
}
