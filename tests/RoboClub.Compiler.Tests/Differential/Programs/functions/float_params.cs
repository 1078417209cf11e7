double Area(double w, double h) => w * h;
double Circle(double r) => Math.PI * r * r;
Console.WriteLine(Area(2, 3.5));
Console.WriteLine(Area(3, 4));
Console.WriteLine(Circle(1) > 3.14);
Console.WriteLine((int)Circle(10));
