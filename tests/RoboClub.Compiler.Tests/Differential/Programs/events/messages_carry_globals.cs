string last = "";
OnMessage("set", () => { last = "set@" + Millis; });
OnMessage("show", () => Console.WriteLine("last=" + last));
Broadcast("set");
Wait(30);
Broadcast("show");
Wait(30);
Broadcast("set");
Broadcast("show");
