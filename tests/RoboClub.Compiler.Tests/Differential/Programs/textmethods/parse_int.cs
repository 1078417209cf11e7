Console.WriteLine(int.Parse("123") + 1);
Console.WriteLine(int.Parse("-45") * 2);
Console.WriteLine(int.Parse("12x"));
