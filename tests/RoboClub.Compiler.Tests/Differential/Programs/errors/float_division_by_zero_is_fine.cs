double z = 0;
int zi = 0;
Console.WriteLine(1 / z > 1000);
Console.WriteLine(zi / 1.0);
Console.WriteLine(5 % z == 5 % z);
Console.WriteLine(zi / (zi + 1));
