int x = 5;
Console.WriteLine($"{x} {(x > 3 ? $"big {x}" : "small")}");
