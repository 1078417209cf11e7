int temp = 20;
Every(250, () => { temp += 1; Plot("temp", temp); });
When(() => temp > 30, () => { Console.WriteLine("hot at " + Millis); temp = 20; });
