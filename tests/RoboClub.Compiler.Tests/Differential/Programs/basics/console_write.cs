Console.Write("one");
Console.Write(2);
Console.Write(true);
Console.WriteLine();
Console.WriteLine("");
Console.WriteLine("end");
