OnMessage("start", () => { Robot.Forward(50); Console.WriteLine("moving"); Wait(600); Broadcast("stop"); });
OnMessage("stop", () => { Robot.Stop(); Console.WriteLine("stopped"); });
OnButton(() => Broadcast("start"));
