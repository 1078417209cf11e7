Every(1500, () => Console.WriteLine("every at " + Millis));
Console.WriteLine("hello");
Wait(3000);
Console.WriteLine("after wait at " + Millis);
