int Down(int n) => n == 0 ? 0 : 1 + Down(n - 1);
Console.WriteLine(Down(30));
