int Fib(int n) { if (n < 2) return n; return Fib(n - 1) + Fib(n - 2); }
for (int i = 0; i < 20; i++) Console.WriteLine(Fib(i));
