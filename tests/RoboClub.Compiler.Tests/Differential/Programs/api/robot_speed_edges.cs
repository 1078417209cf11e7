Robot.Forward(150);
Robot.Backward(-20);
Robot.Motors(-300, 300);
Robot.Servo(200);
Robot.Servo(-5);
Robot.Stop();
