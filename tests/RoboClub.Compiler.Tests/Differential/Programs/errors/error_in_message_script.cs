int z = 0;
OnMessage("boom", () => { Console.WriteLine("boom!"); Console.WriteLine(1 / z); });
Console.WriteLine("sending");
Broadcast("boom");
Wait(100);
Console.WriteLine("never");
