int mode = 0;
OnButton(() => { mode = (mode + 1) % 3; Broadcast("mode"); });
OnMessage("mode", () =>
{
    switch (mode)
    {
        case 0: Led.Color("red"); break;
        case 1: Led.Color("green"); break;
        default: Led.Color("blue"); break;
    }
    Console.WriteLine("mode " + mode);
});
