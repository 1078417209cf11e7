string s = "șir țară îngheț ăsta";
Console.WriteLine(s.ToUpper());
Console.WriteLine("ȘTIINȚĂ Î Â Ă".ToLower());
Console.WriteLine(s.ToUpper().Length);
