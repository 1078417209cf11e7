// Robotul ocolește obstacolele
for (int i = 0; i < 40; i++)
{
    double d = Robot.Distance;
    if (d < 20)
    {
        Robot.Stop();
        Led.Color("red");
        Robot.Backward(40);
        Wait(300);
        Robot.TurnRight(50);
        Wait(250);
    }
    else
    {
        Led.Color("green");
        Robot.Forward(60);
        Wait(100);
    }
}
Robot.Stop();
