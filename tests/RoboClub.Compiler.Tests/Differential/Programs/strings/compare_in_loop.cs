string[] names = { "Ana", "ana", "Ion", "Ana" };
int same = 0;
for (int i = 0; i < names.Length; i++)
    for (int j = i + 1; j < names.Length; j++)
        if (names[i] == names[j]) same++;
Console.WriteLine(same);
