// Right hand on the wall: the sensor looks 45° to the right and keeps the wall about 24 cm away.
Robot.Servo(45);
Wait(200);
double d = 0;
int pierdutLa = -1;
while (true)
{
    d = Robot.Distance;
    if (d < 0)
    {
        d = 400;
    }
    if (d < 14)
    {
        Robot.Motors(-45, 45);
        pierdutLa = -1;
    }
    else if (d > 40)
    {
        if (pierdutLa < 0)
        {
            pierdutLa = Millis;
        }
        if (Millis - pierdutLa > 1400)
        {
            Robot.Motors(65, 40);
        }
        else
        {
            Robot.Forward(50);
        }
    }
    else if (d > 24)
    {
        pierdutLa = -1;
        Robot.Motors(60, 50);
    }
    else
    {
        pierdutLa = -1;
        Robot.Motors(50, 60);
    }
    Wait(20);
}
