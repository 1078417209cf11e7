Every(1000, () => Console.WriteLine("every " + Millis));
for (int i = 0; i < 3; i++)
{
    Console.WriteLine("start " + i + " at " + Millis);
    Wait(0);
}
