string word = "Robotica";
string rev = "";
for (int i = word.Length - 1; i >= 0; i--) rev += word.Substring(i, 1);
Console.WriteLine(rev);
Console.WriteLine(rev.ToLower() == "acitobor");
