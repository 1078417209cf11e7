int sum = 0;
for (int i = 0; i < 100000; i += 7) sum += i * i;
Console.WriteLine(sum);
