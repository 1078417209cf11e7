int Gcd(int a, int b) { while (b != 0) { int t = a % b; a = b; b = t; } return a; }
for (int x = 6; x <= 60; x += 9)
    for (int y = 4; y <= 40; y += 12)
        Console.WriteLine($"gcd({x},{y})={Gcd(x, y)} lcm={x / Gcd(x, y) * y}");
