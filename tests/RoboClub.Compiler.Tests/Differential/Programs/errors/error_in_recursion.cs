int F(int n) => n == 0 ? 1 / n : F(n - 1) + 1;
Console.WriteLine("go");
Console.WriteLine(F(5));
