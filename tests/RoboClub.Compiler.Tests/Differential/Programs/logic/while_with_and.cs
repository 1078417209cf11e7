int i = 0;
int budget = 100;
while (i < 50 && budget > 0) { budget -= i; i++; }
Console.WriteLine($"{i} {budget}");
