float f = 1.5f;
float g = f * 3;
Console.WriteLine(g);
double d = f + 0.25;
Console.WriteLine(d);
float h = 1 / 3f;
Console.WriteLine(h);
