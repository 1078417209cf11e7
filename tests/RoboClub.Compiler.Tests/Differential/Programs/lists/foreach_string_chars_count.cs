string word = "banana";
int a = 0;
for (int i = 0; i < word.Length; i++) if (word.Substring(i, 1) == "a") a++;
Console.WriteLine(a);
