int a = -5;
Console.WriteLine("a=" + a);
Console.WriteLine($"{a - 10}");
Console.WriteLine("" + int.MinValue);
