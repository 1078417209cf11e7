int steps = 0;
while (steps < 50)
{
    bool left = Robot.LineLeft;
    bool right = Robot.LineRight;
    if (left && !right) Robot.Motors(20, 60);
    else if (right && !left) Robot.Motors(60, 20);
    else if (left && right) Robot.Forward(50);
    else Robot.TurnLeft(30);
    Wait(50);
    steps++;
}
Robot.Stop();
Console.WriteLine("done after " + steps + " steps");
