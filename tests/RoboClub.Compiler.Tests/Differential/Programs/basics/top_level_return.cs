int n = 3;
Console.WriteLine("before");
if (n > 2) return;
Console.WriteLine("never");
