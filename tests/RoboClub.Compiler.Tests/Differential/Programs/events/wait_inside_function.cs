void Blink(string color, int times)
{
    for (int i = 0; i < times; i++) { Led.Color(color); Wait(100); Led.Off(); Wait(100); }
}
Every(1500, () => Blink("blue", 2));
Blink("red", 3);
Console.WriteLine("main done at " + Millis);
