List<int> l = new List<int> { 1, 2, 3 };
Console.WriteLine(l[2]);
Console.WriteLine(l[3]);
