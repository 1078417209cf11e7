int a, b, c;
a = b = c = 7;
Console.WriteLine(a + b + c);
a = (b = 3) + 1;
Console.WriteLine($"{a} {b} {c}");
