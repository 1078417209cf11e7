// Was a board bug (fixed): Math.Abs(-0.0) — C# gives +0 (1/x = Infinity); the board's math.abs (v < 0 ? -v : v) keeps -0 (1/x = -Infinity).
double z = 0;
double nz = -z;
Console.WriteLine(Math.Abs(nz) == 0);
Console.WriteLine(1 / Math.Abs(nz));
