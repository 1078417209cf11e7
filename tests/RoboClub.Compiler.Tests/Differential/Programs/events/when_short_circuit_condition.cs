int calls = 0;
bool Expensive() { calls++; return true; }
bool armed = false;
When(() => armed && Expensive(), () => Console.WriteLine("fired, calls=" + calls));
Wait(500);
armed = true;
Wait(500);
Console.WriteLine("calls " + calls);
armed = false;
