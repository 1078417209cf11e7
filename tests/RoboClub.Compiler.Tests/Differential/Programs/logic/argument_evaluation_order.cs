int n = 0;
int Take(string tag) { n++; Console.WriteLine(tag + n); return n; }
int Combine(int a, int b, int c) => a * 100 + b * 10 + c;
Console.WriteLine(Combine(Take("a"), Take("b"), Take("c")));
Robot.Motors(Take("left"), Take("right"));
Console.WriteLine($"{Take("x")}{Take("y")}");
