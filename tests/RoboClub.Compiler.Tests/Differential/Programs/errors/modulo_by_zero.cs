int zero = 0;
for (int i = 3; i >= 0; i--)
{
    Console.WriteLine(100 % (i - zero));
}
