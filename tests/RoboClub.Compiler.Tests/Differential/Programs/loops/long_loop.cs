// long enough that the board preempts it many times (500 instructions per slice); nothing else runs
int x = 0;
for (int i = 0; i < 20000; i++) x = (x * 31 + i) % 1000003;
Console.WriteLine(x);
