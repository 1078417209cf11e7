int hops = 0;
OnMessage("hop", () => { hops++; Console.WriteLine("hop " + hops + " at " + Millis); if (hops < 4) Broadcast("hop"); });
Broadcast("hop");
