OnButton(() =>
{
    Console.WriteLine("pressed? " + Button.Pressed);
    Wait(150);
    Console.WriteLine("still? " + Button.Pressed);
});
