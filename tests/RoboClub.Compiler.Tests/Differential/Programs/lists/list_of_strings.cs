List<string> names = new List<string> { "Ana", "Ion", "Maria" };
names.Add("Vlad");
names.Remove("Ion");
string all = "";
foreach (string n in names) all += n + ";";
Console.WriteLine(all);
Console.WriteLine(names.Count);
names[0] += "-Maria";
Console.WriteLine(names[0]);
