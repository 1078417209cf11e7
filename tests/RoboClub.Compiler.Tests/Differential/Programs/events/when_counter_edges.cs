int n = 0;
When(() => n % 4 == 0, () => Console.WriteLine("multiple of four: " + n));
Every(100, () => n++);
