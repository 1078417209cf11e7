int Mix(int a, int b, int c, int d, int e) => a * 10000 + b * 1000 + c * 100 + d * 10 + e;
double Avg3(double a, double b, double c) => (a + b + c) / 3;
string Join3(string a, string b, string c) => a + "|" + b + "|" + c;
Console.WriteLine(Mix(1, 2, 3, 4, 5));
Console.WriteLine(Avg3(1, 2, 4));
Console.WriteLine(Join3("x", "y", "z"));
