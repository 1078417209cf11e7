void Side()
{
    Robot.Forward(50);
    Wait(500);
    Robot.TurnRight(40);
    Wait(250);
}
for (int i = 0; i < 4; i++) { Side(); Console.WriteLine("side " + (i + 1)); }
Robot.Stop();
Sound.Tone(523, 300);
