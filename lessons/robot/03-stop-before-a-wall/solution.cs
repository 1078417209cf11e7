Robot.Forward(60);
while (Robot.Distance > 20)
{
    Wait(20);
}
Robot.Stop();
Led.Color("roșu");
Sound.Tone(880, 300);
