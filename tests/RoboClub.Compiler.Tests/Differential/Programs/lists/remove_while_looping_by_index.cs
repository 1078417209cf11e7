List<int> l = new List<int>();
for (int i = 0; i < 12; i++) l.Add(i);
for (int i = l.Count - 1; i >= 0; i--) if (l[i] % 3 == 0) l.RemoveAt(i);
string s = "";
foreach (int x in l) s += x + ",";
Console.WriteLine(s);
