Every(10000, () =>
{
    Plot("umiditate", Weather.Humidity);
});
