OnButton(() => { Console.WriteLine("down " + Millis); Wait(2000); Console.WriteLine("up " + Millis); });
