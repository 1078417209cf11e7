// Was a board bug (fixed): Math.Abs(int.MinValue) throws OverflowException in C#; the board prints -2147483648 (inlined Abs, no Overflow error).
int v = int.MinValue;
Console.WriteLine("start");
Console.WriteLine(Math.Abs(v));
