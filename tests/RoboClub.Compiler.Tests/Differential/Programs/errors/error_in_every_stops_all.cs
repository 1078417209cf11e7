int n = 2;
Every(100, () => { Console.WriteLine("every " + 10 / n); n--; });
for (int i = 0; i < 10; i++) { Console.WriteLine("main " + i); Wait(60); }
