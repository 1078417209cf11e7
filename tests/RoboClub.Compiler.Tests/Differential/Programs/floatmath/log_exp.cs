Console.WriteLine(Math.Log(1));
Console.WriteLine(Math.Log(10));
Console.WriteLine(Math.Exp(1));
Console.WriteLine(Math.Exp(-2));
Console.WriteLine(Math.Log(0));
Console.WriteLine(Math.Log(-1));
Console.WriteLine(Math.E);
