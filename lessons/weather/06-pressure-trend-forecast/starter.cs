Every(60000, () =>
{
    Console.WriteLine($"Presiunea: {Weather.Pressure} hPa");
});
