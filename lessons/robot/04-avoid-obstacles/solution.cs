double d = 0;
while (true)
{
    d = Robot.Distance;
    if (d > 0 && d < 30)
    {
        Robot.Backward(50);
        Wait(400);
        Robot.TurnRight(50);
        Wait(600);
    }
    else
    {
        Robot.Forward(60);
    }
    Wait(20);
}
