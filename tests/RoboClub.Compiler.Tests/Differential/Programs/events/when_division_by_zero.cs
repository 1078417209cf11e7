int d = 2;
When(() => 10 / d > 4, () => Console.WriteLine("ratio big"));
Every(300, () => d--);
