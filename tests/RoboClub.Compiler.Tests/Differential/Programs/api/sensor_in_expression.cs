double sum = 0;
for (int i = 0; i < 4; i++) sum += Robot.Distance * 2 + Weather.Temperature;
Console.WriteLine(sum > 0);
bool close = Robot.Distance < 20 || Robot.Distance < 40;
Console.WriteLine(close);
