bool a = 3 > 2;
string s = "a is " + a;
Console.WriteLine(s);
Console.WriteLine($"{!a}");
Console.WriteLine(a + "!");
