double first = Weather.Pressure;
double last = first;
for (int i = 0; i < 6; i++) { Wait(1000); last = Weather.Pressure; Plot("pressure", last); }
double change = last - first;
if (change > 0) Console.WriteLine("rising: better weather");
else if (change < 0) Console.WriteLine("falling: rain coming");
else Console.WriteLine("steady");
