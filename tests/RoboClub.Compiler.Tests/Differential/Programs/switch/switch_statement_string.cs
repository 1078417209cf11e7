string[] cmds = { "fata", "spate", "stanga", "dreapta", "stop", "zbor" };
foreach (string c in cmds)
{
    switch (c)
    {
        case "fata": Robot.Forward(50); break;
        case "spate": Robot.Backward(50); break;
        case "stanga": Robot.TurnLeft(30); break;
        case "dreapta": Robot.TurnRight(30); break;
        case "stop": Robot.Stop(); break;
        default: Console.WriteLine("nu stiu: " + c); break;
    }
    Wait(100);
}
