string poem = """
    Roses are red
    robots are grey
    """;
Console.WriteLine(poem);
Console.WriteLine(poem.Length);
