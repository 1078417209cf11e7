double z = 0;
double nz = -z;
Console.WriteLine(nz);
Console.WriteLine(nz == z);
Console.WriteLine(1 / nz);
Console.WriteLine(nz * 5);
Console.WriteLine(nz + 0);
