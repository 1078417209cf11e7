static int Sq(int x) => x * x;
static string Label(int x) => "#" + x;
Console.WriteLine(Label(Sq(9)));
