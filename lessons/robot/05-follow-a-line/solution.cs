while (true)
{
    if (Robot.LineLeft)
    {
        Robot.Motors(10, 60);
    }
    else if (Robot.LineRight)
    {
        Robot.Motors(60, 10);
    }
    else
    {
        Robot.Forward(50);
    }
    Wait(10);
}
