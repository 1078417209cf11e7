List<double> l = new List<double> { 0.1, 0.2, 0.30000001 };
Console.WriteLine(l.IndexOf(0.1 + 0.2));
Console.WriteLine(l.Remove(5));
Console.WriteLine(l.Contains(-0.0));
List<double> z = new List<double> { 0 };
Console.WriteLine(z.Contains(-0.0));
