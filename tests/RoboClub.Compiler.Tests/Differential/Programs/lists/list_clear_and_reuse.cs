List<int> l = new List<int> { 4, 5, 6 };
l.Clear();
Console.WriteLine(l.Count);
l.Add(7);
Console.WriteLine(l[0] + " " + l.Count);
