// The robot goes forward for one second. What is missing?
Robot.Forward(60);
Wait(1000);
