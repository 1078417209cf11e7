void Say(string s) { Console.WriteLine(">> " + s); }
int Twice(int x) { return x * 2; }
double Half(double x) => x / 2;
bool IsBig(int x) => x > 100;
Say("hello");
Console.WriteLine(Twice(21));
Console.WriteLine(Half(5));
Console.WriteLine(IsBig(Twice(60)));
