// Was a board bug (fixed): (int)3e9 — C# (unchecked, .NET 9+ saturating conversion) gives 2147483647; the board stops with runtime error Overflow (Interpreter FloatToInt).
double big = 3e9;
Console.WriteLine("start");
Console.WriteLine((int)big);
