int[] grid = new int[12];
for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) grid[r * 4 + c] = r * c;
for (int r = 0; r < 3; r++)
{
    string row = "";
    for (int c = 0; c < 4; c++) row += grid[r * 4 + c] + " ";
    Console.WriteLine(row);
}
