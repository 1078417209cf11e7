int calls = 0;
bool Check(bool v, string name) { calls++; Console.WriteLine("check " + name); return v; }
if (Check(true, "a") || Check(true, "b")) Console.WriteLine("any");
if (Check(false, "c") || Check(false, "d")) Console.WriteLine("any");
bool r = Check(false, "e") || Check(true, "f") && Check(false, "g");
Console.WriteLine(r);
Console.WriteLine("calls " + calls);
