List<int> l = new List<int> { 1, 2, 3 };
int k = 0;
l[k++] *= 7;
l[k] = l[k++] + l[k];
Console.WriteLine($"{l[0]} {l[1]} {l[2]} {k}");
List<string> s = new List<string> { "a", "b" };
int j = 1;
s[j--] += s[j];
Console.WriteLine(s[0] + s[1] + j);
