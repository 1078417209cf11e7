string Describe(double d)
{
    switch (d)
    {
        case < 0: return "negative";
        case 0: return "zero";
        case 0.5: return "half";
        case > 100.25: return "big";
        default: return "some";
    }
}
double z = 0;
double[] v = { -1.5, 0, -z, 0.5, 0.50000001, 7, 100.25, 100.26, z / z };
foreach (double x in v) Console.WriteLine(x + " " + Describe(x));
