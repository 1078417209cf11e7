for (int i = 0; i < 8; i++)
{
    double t = Weather.Temperature;
    string feel = t switch
    {
        < 16 => "jacket",
        >= 16 and < 19 => "sweater",
        >= 19 and < 22.5 => "t-shirt",
        _ => "shorts",
    };
    Console.WriteLine($"{t:F1}: {feel}");
    Wait(600);
}
