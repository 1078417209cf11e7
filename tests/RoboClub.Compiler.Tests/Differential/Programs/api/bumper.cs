int bumps = 0;
for (int i = 0; i < 15; i++)
{
    if (Robot.Bumper) { bumps++; Robot.Backward(50); Wait(100); }
    else { Robot.Forward(50); Wait(100); }
}
Console.WriteLine("bumps: " + bumps);
