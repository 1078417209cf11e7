for (int deg = 0; deg <= 360; deg += 45)
{
    double rad = deg * Math.PI / 180;
    Console.WriteLine($"{deg}: sin {Math.Sin(rad)} cos {Math.Cos(rad)}");
}
Console.WriteLine(Math.Atan2(1, 1));
Console.WriteLine(Math.Tan(0.5));
