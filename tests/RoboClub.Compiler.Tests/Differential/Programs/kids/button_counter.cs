int count = 0;
OnButton(() =>
{
    count++;
    Console.WriteLine("Apasat de " + count + " ori");
    Sound.Tone(440 + count * 100, 100);
});
Every(2000, () => Console.WriteLine("count = " + count));
