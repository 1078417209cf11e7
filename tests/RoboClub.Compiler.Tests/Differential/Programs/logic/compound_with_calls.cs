int counter = 0;
int Bump() { counter++; return counter; }
int x = 5;
x += Bump();
x *= Bump();
x -= Bump() * 2;
Console.WriteLine($"{x} {counter}");
