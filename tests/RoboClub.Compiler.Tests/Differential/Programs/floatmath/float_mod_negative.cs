double a = -7.5;
Console.WriteLine(a % 2 == -1.5);
Console.WriteLine(7.5 % -2 == 1.5);
