int calls = 0;
int Count(int depth)
{
    calls++;
    if (depth == 0) return 1;
    return Count(depth - 1) + Count(depth - 1);
}
Console.WriteLine(Count(8));
Console.WriteLine("calls " + calls);
