string word = "abracadabra";
int n = word.Length;
Console.WriteLine(n);
string stars = "";
while (stars.Length < n) stars += "*";
Console.WriteLine(stars);
Console.WriteLine("".Length);
