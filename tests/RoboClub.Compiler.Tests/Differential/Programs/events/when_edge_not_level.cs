int reads = 0;
When(() => { reads++; return reads > 3 && reads < 8; }, () => Console.WriteLine("fired at " + Millis));
