string zi = "luni";
string mesaj = $"Azi e {zi}, ținem clubul de robotică.";
Console.WriteLine(mesaj);
Console.WriteLine(mesaj.Length);
