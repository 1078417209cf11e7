int apples = 5;
int pears = 3;
int fruit = apples + pears;
Console.WriteLine("fruit: " + fruit);
bool many = fruit > 6;
Console.WriteLine(many);
string name = "Ana";
Console.WriteLine("Hi " + name + "!");
