Every(300, () => Console.WriteLine("fast " + Millis));
Every(1000, () => Console.WriteLine("slow " + Millis));
Console.WriteLine("start");
