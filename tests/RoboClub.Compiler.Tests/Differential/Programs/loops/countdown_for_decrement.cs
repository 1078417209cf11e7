for (int i = 10; i > 0; i -= 3) Console.WriteLine(i);
for (int i = 0, j = 10; i < j; i++, j--) Console.WriteLine(i + "-" + j);
