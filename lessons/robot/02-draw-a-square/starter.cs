// One side of the square: forward, then a quarter turn.
Robot.Forward(60);
Wait(2000);
Robot.TurnLeft(50);
Wait(700);
Robot.Stop();
