double v = -3.5;
while (v <= 3.5)
{
    Console.WriteLine($"{v}: round {Math.Round(v)} floor {Math.Floor(v)} ceiling {Math.Ceiling(v)}");
    v += 0.5;
}
