Every(10000, () =>
{
    Plot("ploaie", Weather.Rain);
});
