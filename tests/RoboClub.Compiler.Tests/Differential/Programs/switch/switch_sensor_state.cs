for (int i = 0; i < 12; i++)
{
    int state = (Robot.LineLeft ? 2 : 0) + (Robot.LineRight ? 1 : 0);
    switch (state)
    {
        case 3: Robot.Forward(50); break;
        case 2: Robot.TurnLeft(30); break;
        case 1: Robot.TurnRight(30); break;
        default: Robot.Stop(); break;
    }
    Wait(70);
}
