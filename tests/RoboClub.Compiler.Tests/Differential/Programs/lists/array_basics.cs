int[] a = new int[5];
for (int i = 0; i < a.Length; i++) a[i] = 10 - i;
a[2] += 100;
a[0]++;
Console.WriteLine(a[0] + " " + a[2] + " " + a[4] + " " + a.Length);
string[] words = { "robot", "senzor", "motor" };
foreach (string w in words) Console.WriteLine(w.Length);
