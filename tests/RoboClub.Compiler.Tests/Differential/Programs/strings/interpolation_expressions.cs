int a = 7, b = 2;
double c = 2.5;
Console.WriteLine($"{a}/{b}={a / b}, {a}%{b}={a % b}, {a}/{c}={a / c}");
Console.WriteLine($"{a * c} {a + c} {-c} {c * c * c}");
Console.WriteLine($"{a > b && c < 3}");
