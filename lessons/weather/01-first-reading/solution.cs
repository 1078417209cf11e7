Console.WriteLine("Salut! Sunt stația meteo.");
Console.WriteLine($"Temperatura: {Weather.Temperature} °C");
Console.WriteLine($"Umiditatea: {Weather.Humidity} %");
Console.WriteLine($"Presiunea: {Weather.Pressure} hPa");
