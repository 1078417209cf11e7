for (int cycle = 0; cycle < 3; cycle++)
{
    Led.Color("red");
    Console.WriteLine("STOP");
    Wait(1000);
    Led.Color("yellow");
    Wait(300);
    Led.Color("green");
    Console.WriteLine("GO");
    Wait(800);
}
Led.Off();
