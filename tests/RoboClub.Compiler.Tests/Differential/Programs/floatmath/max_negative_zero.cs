// Was a board bug (fixed): Math.Max(-0.0, 0.0) is +0 and Math.Min(0.0, -0.0) is -0 in C#; the board's inlined Max/Min return the other zero.
double z = 0;
double nz = -z;
Console.WriteLine(1 / Math.Max(nz, z));
Console.WriteLine(1 / Math.Min(z, nz));
