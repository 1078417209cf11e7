// One note and one little turn. Make a whole dance!
Sound.Tone(262, 400);
Wait(400);
Robot.TurnLeft(50);
Wait(500);
Robot.Stop();
