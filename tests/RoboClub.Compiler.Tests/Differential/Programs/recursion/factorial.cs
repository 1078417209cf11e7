int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);
for (int i = 0; i <= 15; i++) Console.WriteLine(i + "! = " + Fact(i));
