for (int i = 1; i <= 100; i *= 10) Console.WriteLine(i.ToString().PadLeft(5) + "|");
Console.WriteLine("ab".PadRight(4) + "|");
