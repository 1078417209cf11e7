int n = 9045721;
int sum = 0, digits = 0, reversed = 0;
while (n > 0) { int d = n % 10; sum += d; digits++; reversed = reversed * 10 + d; n /= 10; }
Console.WriteLine($"{digits} digits, sum {sum}, reversed {reversed}");
