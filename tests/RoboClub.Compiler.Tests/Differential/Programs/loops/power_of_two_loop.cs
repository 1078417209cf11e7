int p = 1;
for (int i = 0; i < 34; i++) { Console.WriteLine(i + ": " + p); p *= 2; }
