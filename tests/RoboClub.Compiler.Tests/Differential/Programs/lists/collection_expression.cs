int[] primes = [2, 3, 5, 7, 11];
List<string> colors = ["red", "green", "blue"];
int total = 0;
foreach (int p in primes) total += p;
Console.WriteLine(total);
foreach (string c in colors) { Led.Color(c); Wait(100); }
