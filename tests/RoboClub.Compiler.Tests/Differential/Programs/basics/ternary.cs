for (int n = -2; n <= 2; n++)
{
    string sign = n < 0 ? "negative" : n == 0 ? "zero" : "positive";
    Console.WriteLine(n + " is " + sign);
}
int big = 3 > 2 ? 10 : 20;
Console.WriteLine(big);
