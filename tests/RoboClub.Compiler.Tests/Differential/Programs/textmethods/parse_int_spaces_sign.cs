Console.WriteLine(int.Parse(" 42 "));
Console.WriteLine(int.Parse("+7"));
Console.WriteLine(int.Parse("007"));
Console.WriteLine(int.Parse("4 2"));
