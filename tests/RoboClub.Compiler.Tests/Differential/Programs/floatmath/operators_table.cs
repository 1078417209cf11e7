// every float operator over a table including zero, negative zero, infinities and NaN
double z = 0;
double[] v = { -z, z, -2.5, 0.1, 3, 1e20, 1 / z, -1 / z, z / z };
foreach (double a in v)
    foreach (double b in v)
        Console.WriteLine($"{a} {b}: {a + b} {a - b} {a * b} {a / b} {a % b} {-a}");
