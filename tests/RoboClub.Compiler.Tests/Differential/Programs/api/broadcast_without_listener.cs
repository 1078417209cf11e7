Broadcast("hello");
Wait(10);
Broadcast("world");
Console.WriteLine("sent");
