Console.WriteLine("Hello, robots!");
int a = 7;
int b = 2;
Console.WriteLine(a / b);
Console.WriteLine(a % b);
Console.WriteLine($"{a} + {b} = {a + b}");
