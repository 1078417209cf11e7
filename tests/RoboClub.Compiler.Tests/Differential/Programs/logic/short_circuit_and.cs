int calls = 0;
bool Check(bool v, string name) { calls++; Console.WriteLine("check " + name); return v; }
if (Check(false, "a") && Check(true, "b")) Console.WriteLine("both");
if (Check(true, "c") && Check(false, "d")) Console.WriteLine("both");
Console.WriteLine("calls " + calls);
