double max = 0;
for (int i = 0; i < 8; i++)
{
    double w = Weather.Wind;
    if (w > max) max = w;
    Plot("wind", w);
    Wait(500);
}
Console.WriteLine("max wind " + max);
Console.WriteLine(max > 10 ? "windy" : "calm");
