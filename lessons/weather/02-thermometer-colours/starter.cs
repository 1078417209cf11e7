while (true)
{
    double t = Weather.Temperature;
    Led.Color("verde");
    Wait(1000);
}
