int n = 0;
do { Console.WriteLine("n=" + n); n += 3; } while (n < 10);
int m = 100;
do { Console.WriteLine("once " + m); } while (m < 0);
