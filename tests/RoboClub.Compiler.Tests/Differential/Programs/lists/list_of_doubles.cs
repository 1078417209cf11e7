List<double> temps = new List<double>();
temps.Add(21.5); temps.Add(19.25); temps.Add(23.75); temps.Add(18.1);
double sum = 0, max = temps[0];
foreach (double t in temps) { sum += t; if (t > max) max = t; }
Console.WriteLine("avg " + sum / temps.Count);
Console.WriteLine("max " + max);
