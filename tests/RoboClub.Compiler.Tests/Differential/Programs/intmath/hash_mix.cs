int h = 17;
string word = "roboclub";
for (int i = 0; i < word.Length; i++) h = h * 31 + i * 7919;
Console.WriteLine(h);
int x = 123456789;
x ^= x << 13; x ^= x >> 17; x ^= x << 5;
Console.WriteLine(x);
