// Straight ahead is easy. But the line bends!
while (true)
{
    Robot.Forward(50);
    Wait(10);
}
