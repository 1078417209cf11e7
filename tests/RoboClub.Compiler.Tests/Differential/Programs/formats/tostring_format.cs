double v = 3.14159;
Console.WriteLine(v.ToString("F3"));
Console.WriteLine(v.ToString("E2"));
Console.WriteLine(v.ToString("G3"));
int k = 7;
Console.WriteLine(k.ToString("D3"));
