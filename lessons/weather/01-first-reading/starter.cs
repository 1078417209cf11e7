Console.WriteLine("Salut! Sunt stația meteo.");
