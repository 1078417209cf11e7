bool Between(int x, int lo, int hi) => x >= lo && x <= hi;
bool IsTeen(int age) => Between(age, 13, 19);
for (int a = 10; a <= 21; a += 2) Console.WriteLine(a + ": " + IsTeen(a));
