for (int k = 0; k < 25; k++)
{
    double d = Robot.Distance;
    int pause = (int)(d * 5);
    if (d < 40) Sound.Tone(1000 - (int)d * 10, 30);
    Wait(Math.Max(pause, 50));
}
