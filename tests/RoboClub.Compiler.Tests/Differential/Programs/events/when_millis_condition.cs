When(() => Millis >= 1234, () => Console.WriteLine("time! " + Millis));
