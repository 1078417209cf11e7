for (int i = 0; i < 4; i++)
{
    Robot.Forward(60);
    Wait(2000);
    Robot.TurnLeft(50);
    Wait(700);
}
Robot.Stop();
