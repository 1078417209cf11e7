int t = 0;
for (int n = 1; n <= 15; n++) { t += n; if (t % 2 == 0) Console.WriteLine($"T{n} = {t}"); }
