OnMessage("inainte", () =>
{
    Robot.Forward(60);
});
OnMessage("inapoi", () =>
{
    Robot.Backward(60);
});
OnMessage("stanga", () =>
{
    Robot.TurnLeft(40);
});
OnMessage("dreapta", () =>
{
    Robot.TurnRight(40);
});
OnMessage("stop", () =>
{
    Robot.Stop();
});
