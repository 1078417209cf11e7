List<int> n = new List<int>();
for (int i = 0; i < 6; i++) n.Add(i * i);
Console.WriteLine(n.Count);
Console.WriteLine(n[3]);
n[3] = -1;
n.RemoveAt(0);
n.Insert(1, 42);
for (int i = 0; i < n.Count; i++) Console.WriteLine(i + ": " + n[i]);
Console.WriteLine(n.Contains(42) + " " + n.IndexOf(16) + " " + n.IndexOf(7));
