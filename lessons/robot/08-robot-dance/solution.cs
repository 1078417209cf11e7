void Step(int note, string colour)
{
    Led.Color(colour);
    Sound.Tone(note, 400);
    Robot.TurnLeft(50);
    Wait(400);
    Robot.TurnRight(50);
    Wait(400);
}

for (int i = 0; i < 2; i++)
{
    Step(262, "roșu");
    Step(330, "galben");
    Step(392, "verde");
    Step(523, "albastru");
}
Robot.TurnLeft(60);
Wait(3000);
Robot.Stop();
Led.Off();
