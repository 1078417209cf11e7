double t = 21.5;
double h = 40.25;
Console.WriteLine($"temp {t} humidity {h}");
Console.WriteLine("sum " + (t + h));
Console.WriteLine($"{t / 3}");
