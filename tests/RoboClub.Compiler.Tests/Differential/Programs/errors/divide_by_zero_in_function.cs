int Ratio(int a, int b) => a / b;
Robot.Forward(30);
Console.WriteLine(Ratio(9, 3));
Wait(100);
Console.WriteLine(Ratio(9, 0));
Robot.Stop();
