int shared = 0;
Every(250, () => { shared++; Console.WriteLine("A " + shared); });
Every(250, () => { shared *= 2; Console.WriteLine("B " + shared); });
