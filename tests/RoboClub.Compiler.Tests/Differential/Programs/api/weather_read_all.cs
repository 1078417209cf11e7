Console.WriteLine(Weather.Temperature);
Console.WriteLine(Weather.Humidity);
Console.WriteLine(Weather.Pressure);
Console.WriteLine(Weather.Light);
Console.WriteLine(Weather.Wind);
Console.WriteLine(Weather.Rain);
