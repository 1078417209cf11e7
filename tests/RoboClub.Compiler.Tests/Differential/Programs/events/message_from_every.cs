int n = 0;
Every(700, () => { n++; Broadcast("beat"); });
OnMessage("beat", () => Console.WriteLine("beat " + n + " at " + Millis));
