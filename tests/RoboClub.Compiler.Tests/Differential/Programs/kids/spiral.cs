int speed = 20;
while (speed <= 100)
{
    Robot.Motors(speed, 100 - speed / 2);
    Wait(200);
    speed += 10;
}
Robot.Stop();
