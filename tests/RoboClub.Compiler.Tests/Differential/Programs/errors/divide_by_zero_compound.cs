int x = 50;
int d = 5;
while (true)
{
    x /= d;
    Console.WriteLine(x + " " + d);
    d--;
}
