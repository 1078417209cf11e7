int divisor = 3;
Every(400, () =>
{
    divisor--;
    Console.WriteLine("100/" + divisor + " = " + 100 / divisor);
});
