int n = 3;
while (true)
{
    Console.WriteLine(12 / n);
    Led.Color("green");
    Wait(200);
    n--;
}
