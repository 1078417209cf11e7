for (int i = 0; i < 10; i++)
{
    double t = Weather.Temperature;
    string color = t < 17 ? "blue" : t < 20 ? "green" : t < 23 ? "yellow" : "red";
    Led.Color(color);
    Console.WriteLine($"{t} -> {color}");
    Wait(700);
}
