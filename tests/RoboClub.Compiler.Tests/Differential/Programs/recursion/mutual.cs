bool IsEven(int n) => n == 0 || IsOdd(n - 1);
bool IsOdd(int n) => n != 0 && IsEven(n - 1);
for (int i = 0; i < 12; i++) Console.WriteLine(i + (IsEven(i) ? " even" : " odd"));
