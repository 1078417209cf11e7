int x = 0;
bool Big() => x >= 5;
When(Big, () => Console.WriteLine("big at " + Millis + " x=" + x));
Every(200, () => { x++; if (x > 7) x = 0; });
