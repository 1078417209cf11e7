int ticks = 0;
Every(500, () =>
{
    ticks++;
    Console.WriteLine("tick " + ticks + " at " + Millis);
});
