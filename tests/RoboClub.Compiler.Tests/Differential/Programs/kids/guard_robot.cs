bool alarm = false;
When(() => Robot.Distance < 10, () =>
{
    alarm = true;
    Led.Color("red");
    Sound.Tone(1000, 300);
    Console.WriteLine("Intruder at " + Millis);
    Wait(400);
    Led.Off();
    alarm = false;
});
Every(1000, () => Console.WriteLine(alarm ? "ALARM" : "all quiet"));
