int rounds = 0;
OnMessage("ping", () =>
{
    rounds++;
    Console.WriteLine("ping " + rounds + " at " + Millis);
    Wait(100);
    if (rounds < 5) Broadcast("pong");
});
OnMessage("pong", () =>
{
    Console.WriteLine("pong at " + Millis);
    Broadcast("ping");
});
Broadcast("ping");
