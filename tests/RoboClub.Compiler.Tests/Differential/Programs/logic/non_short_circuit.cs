int calls = 0;
bool Check(bool v) { calls++; return v; }
bool x = Check(false) & Check(true);
bool y = Check(true) | Check(false);
bool z = Check(true) ^ Check(true);
Console.WriteLine($"{x} {y} {z} {calls}");
