string[] rows = { "a", "b", "c" };
int[] cols = { 1, 2 };
foreach (string r in rows)
    foreach (int c in cols)
        Console.WriteLine(r + c);
