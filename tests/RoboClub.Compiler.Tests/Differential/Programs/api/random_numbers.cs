for (int i = 0; i < 8; i++) Console.WriteLine(Random(1, 6));
Console.WriteLine(Random(10, 1));
Console.WriteLine(Random(5, 5));
Console.WriteLine(Random(-100, 100));
int dice = Random(1, 6) + Random(1, 6);
Console.WriteLine("dice " + dice);
