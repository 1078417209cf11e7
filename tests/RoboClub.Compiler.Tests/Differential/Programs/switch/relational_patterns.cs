string Band(int t) => t switch
{
    < 0 => "freezing",
    >= 0 and < 10 => "cold",
    >= 10 and < 20 => "mild",
    20 or 21 or 22 => "nice",
    > 22 and not 30 => "warm",
    _ => "exactly thirty",
};
for (int t = -5; t <= 35; t += 5) Console.WriteLine(t + " " + Band(t));
Console.WriteLine(Band(21) + " " + Band(30));
