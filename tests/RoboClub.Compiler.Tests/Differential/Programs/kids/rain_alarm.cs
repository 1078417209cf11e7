double total = 0;
Every(1000, () =>
{
    double r = Weather.Rain;
    total += r;
    Plot("rain", total);
    if (r > 1) { Console.WriteLine("It's raining: " + r); Sound.Tone(660, 200); }
});
