OnMessage("work", () => { Console.WriteLine("work starts " + Millis); Wait(300); Console.WriteLine("work ends " + Millis); });
for (int i = 0; i < 6; i++) { Broadcast("work"); Wait(100); }
