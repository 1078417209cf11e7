double Harmonic(int n) => n == 0 ? 0 : 1.0 / n + Harmonic(n - 1);
Console.WriteLine(Harmonic(10));
Console.WriteLine(Harmonic(20));
