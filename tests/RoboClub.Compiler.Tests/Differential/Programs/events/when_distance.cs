int stops = 0;
When(() => Robot.Distance < 15, () =>
{
    stops++;
    Robot.Stop();
    Console.WriteLine("too close! " + stops);
    Wait(300);
    Robot.Forward(50);
});
Robot.Forward(50);
