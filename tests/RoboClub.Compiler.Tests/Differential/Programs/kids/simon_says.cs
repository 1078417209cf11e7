string Step(int n) => n == 1 ? "left" : n == 2 ? "right" : n == 3 ? "forward" : "spin";
for (int i = 0; i < 6; i++)
{
    int move = Random(1, 4);
    string name = Step(move);
    Console.WriteLine("Simon says " + name);
    if (name == "left") Robot.TurnLeft(40);
    else if (name == "right") Robot.TurnRight(40);
    else if (name == "forward") Robot.Forward(40);
    else Robot.Motors(60, -60);
    Wait(300);
}
Robot.Stop();
