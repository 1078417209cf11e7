Every(900, () =>
{
    int local = 0;
    for (int i = 0; i < 5; i++) local += i;
    Console.WriteLine("local " + local + " at " + Millis);
});
