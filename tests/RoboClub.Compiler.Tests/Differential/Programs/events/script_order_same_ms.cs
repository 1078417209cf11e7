Every(100, () => Console.WriteLine("every1 " + Millis));
OnMessage("m", () => Console.WriteLine("message " + Millis));
Every(100, () => Console.WriteLine("every2 " + Millis));
for (int i = 0; i < 3; i++)
{
    Console.WriteLine("main " + Millis);
    Broadcast("m");
    Wait(100);
}
