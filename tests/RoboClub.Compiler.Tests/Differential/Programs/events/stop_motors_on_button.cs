Robot.Forward(60);
OnButton(() => { Robot.Stop(); Console.WriteLine("stopped at " + Millis); Wait(500); Robot.Forward(60); });
Every(1000, () => Console.WriteLine("running " + Millis));
