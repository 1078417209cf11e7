// The robot drives for 10 seconds... and bumps into the wall. Make it stop in time!
Console.WriteLine(Robot.Distance);
Robot.Forward(60);
Wait(10000);
Robot.Stop();
