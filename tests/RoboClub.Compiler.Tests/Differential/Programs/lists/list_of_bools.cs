List<bool> seen = new List<bool>();
for (int i = 0; i < 8; i++) seen.Add(i % 3 == 0);
int count = 0;
foreach (bool b in seen) if (b) count++;
Console.WriteLine(count + " of " + seen.Count);
Console.WriteLine(seen.IndexOf(false));
