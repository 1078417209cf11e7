// Forward forever... until the first box. Teach the robot to look and turn.
while (true)
{
    Robot.Forward(60);
    Wait(20);
}
