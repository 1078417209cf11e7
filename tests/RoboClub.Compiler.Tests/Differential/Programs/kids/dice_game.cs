int me = 0, robot = 0;
for (int round = 1; round <= 5; round++)
{
    int a = Random(1, 6), b = Random(1, 6);
    me += a; robot += b;
    Console.WriteLine($"round {round}: me {a}, robot {b}");
    if (a > b) Sound.Tone(880, 100); else Sound.Tone(220, 100);
    Wait(500);
}
Console.WriteLine(me > robot ? "I win!" : me < robot ? "Robot wins!" : "Draw");
