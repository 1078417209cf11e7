// Right hand on the wall: keep the wall on the right at about 24 cm.
Robot.Servo(45);
Wait(200);
double d = 0;
while (true)
{
    d = Robot.Distance;
    if (d < 0)
    {
        d = 400;
    }
    if (Robot.Bumper || d < 14)
    {
        Robot.Motors(-45, 45);
    }
    else if (d > 40)
    {
        Robot.Motors(65, 35);
    }
    else if (d > 24)
    {
        Robot.Motors(65, 45);
    }
    else
    {
        Robot.Motors(45, 65);
    }
    Wait(20);
}
