Robot.Forward(60);
Wait(2000);
Robot.TurnLeft(50);
Wait(600);
Robot.Forward(60);
Wait(1000);
Robot.Stop();
