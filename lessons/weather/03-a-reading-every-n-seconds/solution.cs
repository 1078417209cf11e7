Every(10000, () =>
{
    Plot("temperatura", Weather.Temperature);
    Plot("umiditate", Weather.Humidity);
});
