string s = "a";
int n = 0;
string Add() { n++; s += n; return "[" + n + "]"; }
s += Add();
Console.WriteLine(s);
string t = $"{Add()}{s}{Add()}";
Console.WriteLine(t);
