int n = 42;
bool b = true;
string s = "n=" + n + ", b=" + b;
Console.WriteLine(s);
Console.WriteLine(1 + 2 + "x" + 1 + 2);
Console.WriteLine("x" + (1 + 2));
Console.WriteLine("" + false);
