OnMessage("a", () => Console.WriteLine("a"));
Broadcast("b");
Wait(10);
Broadcast("a");
