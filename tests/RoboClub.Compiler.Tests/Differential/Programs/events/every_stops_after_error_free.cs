int left = 3;
Every(300, () =>
{
    if (left > 0) { Console.WriteLine("left " + left); left--; }
});
