int count = 0;
Every(400, () => { count++; Console.WriteLine("every " + count); });
for (int i = 0; i < 5; i++)
{
    Console.WriteLine("main " + i + " count " + count);
    Wait(700);
}
