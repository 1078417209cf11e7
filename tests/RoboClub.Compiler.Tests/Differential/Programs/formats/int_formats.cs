int n = 255;
Console.WriteLine($"{n:D5}");
Console.WriteLine($"{n:X}");
Console.WriteLine($"{n:x4}");
Console.WriteLine($"{1234567:N0}");
