for (int a = 0; a <= 180; a += 30) { Robot.Servo(a); Wait(50); }
for (int a = 180; a >= 0; a -= 45) { Robot.Servo(a); Wait(50); }
