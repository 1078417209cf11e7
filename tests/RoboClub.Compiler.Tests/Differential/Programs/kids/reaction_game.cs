// press the button as soon as the LED turns green
Led.Color("red");
Wait(800);
Led.Color("green");
int start = Millis;
OnButton(() =>
{
    int reaction = Millis - start;
    Console.WriteLine("reaction: " + reaction + " ms");
    if (reaction < 300) Sound.Tone(880, 100); else Sound.Tone(220, 100);
});
