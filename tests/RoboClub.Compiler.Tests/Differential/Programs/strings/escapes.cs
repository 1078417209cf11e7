Console.WriteLine("quote \" inside");
Console.WriteLine("tab\there");
Console.WriteLine("back\\slash");
Console.WriteLine(@"verbatim \n stays");
