bool ready = false;
When(() => ready, () => Console.WriteLine("ready at " + Millis));
Wait(1000);
ready = true;
Wait(500);
ready = false;
Wait(500);
ready = true;
