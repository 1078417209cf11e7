int d = 3;
When(() => 30 / d == 15, () => Console.WriteLine("fifteen at " + Millis));
Every(500, () => { d--; Console.WriteLine("d=" + d); });
