// every comparison operator at below / equal / above, for ints, floats, mixed, and NaN
double z = 0;
double[] fs = { -1.5, 0, 2.5, z / z };
foreach (double a in fs)
    foreach (double b in fs)
        Console.WriteLine($"{a} {b}: {a < b} {a <= b} {a > b} {a >= b} {a == b} {a != b}");
int[] ns = { -2, 0, 3 };
foreach (int a in ns)
    foreach (int b in ns)
        Console.WriteLine($"{a} {b}: {a < b} {a <= b} {a > b} {a >= b} {a == b} {a != b} {a < b + 0.5} {a >= b - 0.5}");
