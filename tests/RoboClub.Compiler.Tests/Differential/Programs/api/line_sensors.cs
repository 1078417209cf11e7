for (int i = 0; i < 8; i++)
{
    bool l = Robot.LineLeft, r = Robot.LineRight;
    if (l && r) Robot.Forward(40);
    else if (l) Robot.TurnLeft(30);
    else if (r) Robot.TurnRight(30);
    else Robot.Stop();
    Wait(80);
}
