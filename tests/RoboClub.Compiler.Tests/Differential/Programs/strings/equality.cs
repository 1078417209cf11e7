string a = "robot";
string b = "rob";
b += "ot";
Console.WriteLine(a == b);
Console.WriteLine(a != b);
Console.WriteLine(a == "Robot");
string empty = "";
Console.WriteLine(empty == "");
Console.WriteLine(empty.Length == 0);
