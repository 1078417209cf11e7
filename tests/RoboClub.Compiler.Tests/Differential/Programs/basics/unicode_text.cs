string oraș = "București";
Console.WriteLine("Salut din " + oraș + "!");
Console.WriteLine(oraș.Length);
string emoji = "robot 🤖";
Console.WriteLine(emoji);
Console.WriteLine(emoji.Length);
