for (int day = 0; day < 8; day++)
{
    switch (day)
    {
        case 0: Console.WriteLine("duminica"); break;
        case 6: Console.WriteLine("sambata"); break;
        case 1:
        case 2:
        case 3:
        case 4:
        case 5: Console.WriteLine("zi de scoala " + day); break;
        default: Console.WriteLine("nu exista"); break;
    }
}
