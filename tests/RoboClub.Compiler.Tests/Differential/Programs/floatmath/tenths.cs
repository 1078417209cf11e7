double x = 0;
for (int i = 0; i < 10; i++) { x += 0.1; Console.WriteLine(x); }
Console.WriteLine(x == 1.0);
