string Repeat(string s, int times)
{
    string r = "";
    for (int i = 0; i < times; i++) r += s;
    return r;
}
string Box(string text) => "[" + text + "]";
Console.WriteLine(Repeat("ab", 4));
Console.WriteLine(Box(Repeat("-", 6)));
Console.WriteLine(Box(""));
