string name = "x";
Console.WriteLine(name.Length);
