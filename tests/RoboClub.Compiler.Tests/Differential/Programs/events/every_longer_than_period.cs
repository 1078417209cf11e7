// the body takes 300 ms but the period is 200 ms: it is not started twice, and it does not burst
Every(200, () =>
{
    Console.WriteLine("begin " + Millis);
    Wait(300);
    Console.WriteLine("end " + Millis);
});
