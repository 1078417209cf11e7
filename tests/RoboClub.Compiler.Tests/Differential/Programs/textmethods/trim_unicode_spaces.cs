string s = "\t robot \n";
Console.WriteLine("[" + s.Trim() + "]");
