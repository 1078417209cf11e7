int i = 0;
int Next() { i++; Console.WriteLine("next " + i); return i; }
int r = Next() * 10 + Next();
Console.WriteLine(r);
int s = Next() - Next() * Next();
Console.WriteLine(s);
Console.WriteLine(Next() + "-" + Next());
