Robot.Forward(70);
When(() => Robot.Bumper, () =>
{
    Robot.Backward(50);
    Wait(200);
    Robot.TurnLeft(50);
    Wait(Random(100, 300));
    Robot.Forward(70);
});
