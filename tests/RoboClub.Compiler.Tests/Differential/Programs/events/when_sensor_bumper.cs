int hits = 0;
When(() => Robot.Bumper, () => { hits++; Robot.Backward(30); Wait(100); Robot.Stop(); Console.WriteLine("bump " + hits); });
