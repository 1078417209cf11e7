int[] speeds = { 20, 40, 60, 80, 100 };
foreach (int s in speeds) { Robot.Forward(s); Wait(200); }
Robot.Stop();
