int alarms = 0;
When(() => Weather.Wind > 15, () =>
{
    alarms++;
    Console.WriteLine("Vant puternic! #" + alarms);
    Led.Color("red");
    Wait(1000);
    Led.Off();
});
