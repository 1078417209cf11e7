// Was a board bug (fixed): int.Parse("2147483648") throws OverflowException in C# (board code Overflow); the board stops with NotANumber.
Console.WriteLine(int.Parse("2147483647"));
Console.WriteLine(int.Parse("-2147483648"));
Console.WriteLine(int.Parse("2147483648"));
