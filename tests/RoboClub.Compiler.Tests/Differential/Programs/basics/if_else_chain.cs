int score = 0;
for (int i = 0; i < 12; i++)
{
    score = i * 9;
    if (score >= 90) Console.WriteLine(score + " great");
    else if (score >= 50) Console.WriteLine(score + " good");
    else if (score >= 20) Console.WriteLine(score + " ok");
    else Console.WriteLine(score + " try again");
}
