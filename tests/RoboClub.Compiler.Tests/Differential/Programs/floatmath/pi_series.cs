double pi = 0;
double sign = 1;
for (int k = 0; k < 200; k++) { pi += sign * 4 / (2 * k + 1); sign = -sign; }
Console.WriteLine(pi);
