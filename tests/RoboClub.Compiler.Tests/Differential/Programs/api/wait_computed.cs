for (int i = 1; i <= 5; i++)
{
    Wait(i * 37);
    Console.WriteLine("tick " + i);
}
