int right = 0;
for (int q = 0; q < 5; q++)
{
    int a = Random(2, 9), b = Random(2, 9);
    int answer = Random(1, 81);
    bool ok = answer == a * b;
    if (ok) right++;
    Console.WriteLine($"{a} x {b} = {answer}? {(ok ? "corect" : "gresit, era " + a * b)}");
}
Console.WriteLine("Scor: " + right + "/5");
