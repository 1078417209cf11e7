double Factor(string unit) => unit switch { "cm" => 1, "m" => 100, "mm" => 0.1, _ => -1 };
Console.WriteLine(Factor("m") * 2.5);
Console.WriteLine(Factor("mm") * 7);
Console.WriteLine(Factor("km"));
