int found = -1;
for (int a = 1; a < 30 && found < 0; a++)
{
    for (int b = a; b < 30; b++)
    {
        int c2 = a * a + b * b;
        int c = 1;
        while (c * c < c2) c++;
        if (c * c == c2 && a > 5) { found = a * 10000 + b * 100 + c; break; }
    }
}
Console.WriteLine(found);
