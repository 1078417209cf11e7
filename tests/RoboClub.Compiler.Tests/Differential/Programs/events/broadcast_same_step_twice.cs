int got = 0;
OnMessage("go", () => { got++; Console.WriteLine("go " + got); Wait(20); });
Broadcast("go");
Broadcast("go");
Wait(5);
Broadcast("go");
Wait(100);
Broadcast("go");
Console.WriteLine("sent all");
