double[] readings = new double[6];
for (int i = 0; i < readings.Length; i++) readings[i] = Weather.Temperature;
double min = readings[0], max = readings[0];
foreach (double r in readings) { if (r < min) min = r; if (r > max) max = r; }
Console.WriteLine($"min {min} max {max}");
