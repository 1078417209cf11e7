List<double> buf = new List<double>();
Every(250, () =>
{
    buf.Add(Weather.Light);
    if (buf.Count == 4)
    {
        double s = 0;
        foreach (double v in buf) s += v;
        Console.WriteLine("avg light " + s / 4);
        buf.Clear();
    }
});
