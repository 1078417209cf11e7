string[] plan = { "F", "F", "R", "F", "L", "F", "B", "R" };
int step = 0;
foreach (string p in plan)
{
    step++;
    switch (p)
    {
        case "F": Robot.Forward(50); break;
        case "B": Robot.Backward(50); break;
        case "L": Robot.TurnLeft(40); break;
        case "R": Robot.TurnRight(40); break;
    }
    Wait(p == "F" ? 400 : 200);
    if (Robot.Distance < 10) { Console.WriteLine("blocked at step " + step); Robot.Stop(); break; }
}
Robot.Stop();
Console.WriteLine("steps " + step);
