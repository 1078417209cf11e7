int n = 0;
Every(10, () => { n++; if (n % 50 == 0) Console.WriteLine(n + " at " + Millis); });
