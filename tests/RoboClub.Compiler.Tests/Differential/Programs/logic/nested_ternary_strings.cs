string Grade(int p) => p >= 90 ? "A" : p >= 80 ? "B" : p >= 70 ? "C" : "D";
for (int p = 60; p <= 100; p += 7) Console.WriteLine(p + " " + Grade(p));
