string name = "Robo";
int age = 3;
bool happy = true;
Console.WriteLine($"{name} is {age} years old, happy: {happy}");
Console.WriteLine($"{age * 2} {age > 2} {name + name}");
Console.WriteLine($"braces {{ and }} stay");
Console.WriteLine($"{(age > 2 ? "big" : "small")}");
