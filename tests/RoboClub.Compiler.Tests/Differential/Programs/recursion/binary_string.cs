string Bin(int n) => n < 2 ? "" + n : Bin(n / 2) + (n % 2);
for (int i = 0; i < 20; i += 3) Console.WriteLine(i + " = " + Bin(i));
