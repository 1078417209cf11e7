string s = "hello robot world";
int i = s.IndexOf("robot");
Console.WriteLine(i);
Console.WriteLine(s.Substring(i));
Console.WriteLine(s.Substring(i, 5));
Console.WriteLine(s.IndexOf("x"));
Console.WriteLine(s.Substring(0, 0).Length);
