// Was a board bug (fixed): Math.Max/Min with a NaN argument give NaN in C#; the board's inlined Max/Min give 1 when NaN is the first argument.
double z = 0;
double nan = z / z;
Console.WriteLine(Math.Max(nan, 1.0));
Console.WriteLine(Math.Min(nan, 1.0));
Console.WriteLine(Math.Max(1.0, nan));
Console.WriteLine(Math.Min(1.0, nan));
