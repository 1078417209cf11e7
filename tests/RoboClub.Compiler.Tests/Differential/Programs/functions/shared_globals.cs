int score = 0;
void Add(int points) { score += points; }
void Reset() { score = 0; }
Add(5); Add(7);
Console.WriteLine(score);
Reset();
Add(1);
Console.WriteLine(score);
