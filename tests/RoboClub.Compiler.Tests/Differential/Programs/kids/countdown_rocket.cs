for (int i = 10; i >= 1; i--)
{
    Console.WriteLine(i);
    Sound.Tone(300 + i * 50, 80);
    Wait(100);
}
Console.WriteLine("Lansare!");
Robot.Forward(100);
Wait(1000);
Robot.Stop();
