int SumDigits(int n) => n < 10 ? n : n % 10 + SumDigits(n / 10);
int DigitalRoot(int n) => n < 10 ? n : DigitalRoot(SumDigits(n));
Console.WriteLine(SumDigits(987654321));
Console.WriteLine(DigitalRoot(987654321));
