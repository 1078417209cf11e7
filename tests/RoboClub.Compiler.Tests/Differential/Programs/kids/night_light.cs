Every(200, () =>
{
    double light = Weather.Light;
    if (light < 30) Led.Rgb(255, 200, 100);
    else Led.Off();
});
