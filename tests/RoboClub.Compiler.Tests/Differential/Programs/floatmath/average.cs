int n = 0;
double sum = 0;
for (int i = 1; i <= 7; i++) { sum += i * 1.1; n++; }
double avg = sum / n;
Console.WriteLine("sum " + sum);
Console.WriteLine("avg " + avg);
