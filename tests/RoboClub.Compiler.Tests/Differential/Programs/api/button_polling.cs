int presses = 0;
bool was = false;
for (int i = 0; i < 60; i++)
{
    bool now = Button.Pressed;
    if (now && !was) { presses++; Console.WriteLine("press at " + Millis); }
    was = now;
    Wait(50);
}
Console.WriteLine("presses " + presses);
