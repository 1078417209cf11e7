for (int row = 1; row <= 5; row++)
{
    string line = "";
    for (int col = 1; col <= row; col++) line += "*";
    Console.WriteLine(line);
}
