int got = 0;
OnMessage("m", () => { got++; });
for (int i = 0; i < 20; i++) Broadcast("m");
Wait(10);
Console.WriteLine("got " + got);
for (int i = 0; i < 3; i++) { Broadcast("x"); }
Wait(10);
Console.WriteLine("got " + got);
