// The "inainte" button works. Add the other buttons!
OnMessage("inainte", () =>
{
    Robot.Forward(60);
});
