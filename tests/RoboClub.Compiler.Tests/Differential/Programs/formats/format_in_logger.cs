for (int i = 0; i < 4; i++)
{
    double t = Weather.Temperature;
    double h = Weather.Humidity;
    Console.WriteLine($"t={t:F1} h={h:F0}%");
    Wait(500);
}
