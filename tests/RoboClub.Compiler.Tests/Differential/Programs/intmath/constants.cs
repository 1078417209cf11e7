const int Width = 20;
const int Height = Width / 3;
Console.WriteLine(Width * Height);
Console.WriteLine(int.MaxValue);
Console.WriteLine(int.MinValue);
Console.WriteLine(0x7FFFFFFF);
Console.WriteLine(1_000_000);
