void Hello() { Console.WriteLine("hello at " + Millis); Broadcast("bye"); }
OnMessage("hi", Hello);
OnMessage("bye", () => Console.WriteLine("bye at " + Millis));
Wait(50);
Broadcast("hi");
Wait(50);
Broadcast("hi");
