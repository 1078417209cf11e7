int count = 0;
for (int n = 2; n < 200; n++)
{
    bool prime = true;
    for (int d = 2; d * d <= n; d++)
    {
        if (n % d == 0) { prime = false; break; }
    }
    if (prime) { count++; if (count % 10 == 0) Console.WriteLine("prime #" + count + " is " + n); }
}
Console.WriteLine("primes below 200: " + count);
