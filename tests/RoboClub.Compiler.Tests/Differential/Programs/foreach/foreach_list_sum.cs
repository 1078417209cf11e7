List<int> scores = new List<int> { 7, 9, 4, 10, 6 };
int total = 0, best = 0;
foreach (int s in scores) { total += s; if (s > best) best = s; }
Console.WriteLine($"total {total}, best {best}");
