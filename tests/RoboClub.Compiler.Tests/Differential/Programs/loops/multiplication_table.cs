for (int a = 1; a <= 9; a++)
{
    string row = "";
    for (int b = 1; b <= 9; b++)
    {
        int p = a * b;
        row += (p < 10 ? " " : "") + p + " ";
    }
    Console.WriteLine(row);
}
