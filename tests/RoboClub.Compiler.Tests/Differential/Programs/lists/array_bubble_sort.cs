int[] v = { 5, 3, 9, 1, 7, 2, 8 };
for (int i = 0; i < v.Length - 1; i++)
    for (int j = 0; j < v.Length - 1 - i; j++)
        if (v[j] > v[j + 1]) { int t = v[j]; v[j] = v[j + 1]; v[j + 1] = t; }
string s = "";
foreach (int x in v) s += x + " ";
Console.WriteLine(s);
