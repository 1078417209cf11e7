for (int i = 0; i < 10; i++)
{
    double d = Robot.Distance;
    Console.WriteLine("distance " + d);
    if (d < 30) Robot.TurnLeft(40); else Robot.Forward(60);
    Wait(100);
}
Robot.Stop();
