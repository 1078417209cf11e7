int seed = 42;
for (int i = 0; i < 10; i++)
{
    seed = seed * 1103515245 + 12345;
    Console.WriteLine((seed >> 16) & 0x7FFF);
}
