for (int a = 0; a < 4; a++)
    for (int b = 0; b < 4; b++)
    {
        bool c = (a > b && a % 2 == 0) || (b == 3 && !(a == 1));
        if (c) Console.WriteLine(a + "," + b);
    }
