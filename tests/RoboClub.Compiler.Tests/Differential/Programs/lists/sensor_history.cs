List<double> history = new List<double>();
for (int i = 0; i < 10; i++)
{
    history.Add(Robot.Distance);
    if (history.Count > 4) history.RemoveAt(0);
    double avg = 0;
    foreach (double h in history) avg += h;
    avg /= history.Count;
    Console.WriteLine("avg of last " + history.Count + ": " + avg);
    Wait(50);
}
