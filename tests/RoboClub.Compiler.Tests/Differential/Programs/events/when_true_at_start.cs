int level = 0;
When(() => level < 3, () => Console.WriteLine("low level, level=" + level));
level = 10;
Wait(100);
level = 1;
Wait(100);
