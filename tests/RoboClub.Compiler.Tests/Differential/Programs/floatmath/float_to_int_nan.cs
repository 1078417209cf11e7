// Was a board bug (fixed): (int)NaN — C# gives 0; the board stops with runtime error Overflow (Interpreter FloatToInt).
double z = 0;
double nan = z / z;
Console.WriteLine("start");
Console.WriteLine((int)nan);
