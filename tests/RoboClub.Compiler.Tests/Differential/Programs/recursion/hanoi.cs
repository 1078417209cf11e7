int moves = 0;
void Hanoi(int n, string from, string to, string via)
{
    if (n == 0) return;
    Hanoi(n - 1, from, via, to);
    moves++;
    if (n >= 3) Console.WriteLine($"move disk {n} from {from} to {to}");
    Hanoi(n - 1, via, to, from);
}
Hanoi(5, "A", "C", "B");
Console.WriteLine("moves: " + moves);
