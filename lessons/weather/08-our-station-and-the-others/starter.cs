// The same name on every station: the Data tab puts them on one chart.
Every(10000, () =>
{
    Plot("temperatura", Weather.Temperature);
});
