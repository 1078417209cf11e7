Console.WriteLine(Triple(7));
Greet("Ion");
int Triple(int x) => 3 * x;
void Greet(string n) => Console.WriteLine("Buna, " + n);
