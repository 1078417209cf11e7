double minim = 100;
double maxim = -100;
double suma = 0;
int câte = 0;
Every(10000, () =>
{
    double t = Weather.Temperature;
    Plot("temperatura", t);
    if (t < minim)
    {
        minim = t;
    }
    if (t > maxim)
    {
        maxim = t;
    }
    suma += t;
    câte++;
    Plot("minim", minim);
    Plot("maxim", maxim);
    Plot("medie", suma / câte);
});
