int x = 0;
When(() => x == 3, () => Console.WriteLine("A sees " + x));
When(() => x >= 3, () => { Console.WriteLine("B sees " + x); x = 0; });
Every(100, () => x++);
