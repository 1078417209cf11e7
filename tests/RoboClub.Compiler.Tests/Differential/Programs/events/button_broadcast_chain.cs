OnButton(() => Broadcast("ping"));
OnMessage("ping", () => { Console.WriteLine("ping at " + Millis); Broadcast("pong"); });
OnMessage("pong", () => Console.WriteLine("pong at " + Millis));
