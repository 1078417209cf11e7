// The sensor looks 45° to the right, at the wall we follow.
Robot.Servo(45);
Wait(200);
double d = 0;
while (true)
{
    d = Robot.Distance;
    Robot.Forward(50);
    Wait(20);
}
