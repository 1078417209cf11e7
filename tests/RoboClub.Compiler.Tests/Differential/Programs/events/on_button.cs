int presses = 0;
OnButton(() =>
{
    presses++;
    Console.WriteLine("button " + presses + " at " + Millis);
    Led.Color("blue");
    Wait(200);
    Led.Off();
});
