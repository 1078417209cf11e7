int a = 10;
int b = 0;
Console.WriteLine("before");
Console.WriteLine(a / b);
Console.WriteLine("after");
