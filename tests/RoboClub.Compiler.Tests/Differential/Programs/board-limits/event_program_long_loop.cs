// Outside the suite's rule (not run): the on-start script computes for thousands of instructions
// without waiting while an Every script exists. The board preempts it every 500 instructions, so the
// Every script's first run and the loop interleave; the .NET side runs the loop in one go. The board
// side reports "note: a script used its whole 500-instruction slice".
Every(100, () => Console.WriteLine("tick " + Millis));
int x = 0;
for (int i = 0; i < 5000; i++) x = (x * 7 + i) % 1009;
Console.WriteLine(x);
