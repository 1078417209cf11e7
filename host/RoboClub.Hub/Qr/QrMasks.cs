namespace RoboClub.Hub.Qr;

/// <summary>
/// The eight data masks (§7.8.2) and the penalty score (§7.8.3) used to pick the one that leaves
/// the fewest patterns a reader could confuse with finders or that make dark/light uneven.
/// </summary>
static class QrMasks
{
    public const int Count = 8;

    /// <summary>Whether mask <paramref name="mask"/> inverts the module at column x, row y (Table 10, i = row, j = column).</summary>
    public static bool Inverts(int mask, int x, int y) => mask switch
    {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3) % 2 == 0,
        7 => ((x + y) % 2 + x * y % 3) % 2 == 0,
        _ => throw new ArgumentOutOfRangeException(nameof(mask), mask, "QR masks are numbered 0–7."),
    };

    /// <summary>XORs the mask over data modules only; function patterns keep their fixed look.</summary>
    public static void Apply(QrMatrix matrix, int mask)
    {
        for (int y = 0; y < matrix.Size; y++)
            for (int x = 0; x < matrix.Size; x++)
                if (!matrix.IsFunction(x, y) && Inverts(mask, x, y)) matrix.Modules[y, x] ^= true;
    }

    /// <summary>
    /// Penalty of the finished symbol (format information included, as the standard evaluates it):
    /// N1 runs of 5+ same-colour modules, N2 2×2 blocks, N3 finder-like 1:1:3:1:1 with 4 light modules
    /// on one side, N4 dark proportion away from 50%.
    /// </summary>
    public static int Penalty(bool[,] m)
    {
        int size = m.GetLength(0);
        int penalty = 0;
        for (int line = 0; line < size; line++)
        {
            penalty += LinePenalty(size, i => m[line, i]);
            penalty += LinePenalty(size, i => m[i, line]);
        }

        for (int y = 0; y < size - 1; y++)
            for (int x = 0; x < size - 1; x++)
            {
                bool c = m[y, x];
                if (c == m[y, x + 1] && c == m[y + 1, x] && c == m[y + 1, x + 1]) penalty += 3;
            }

        int dark = 0;
        foreach (bool module in m) if (module) dark++;
        int total = size * size;
        // 10 points per full 5% step away from 50%; integer form of floor(|100·dark/total − 50| / 5).
        penalty += Math.Abs(dark * 20 - total * 10) / total * 10;
        return penalty;
    }

    /// <summary>N1 and N3 along one row or column.</summary>
    static int LinePenalty(int size, Func<int, bool> at)
    {
        int penalty = 0;
        int run = 0;
        for (int i = 0; i <= size; i++)
        {
            if (i < size && (run == 0 || at(i) == at(i - 1))) { run++; continue; }
            if (run >= 5) penalty += 3 + run - 5;
            run = 1;
        }

        // 1011101 with four light modules before or after. Only modules inside the symbol count (the
        // quiet zone does not), as python-qrcode also does, so the two agree more often on the mask.
        for (int i = 0; i + 11 <= size; i++)
        {
            bool core = at(i + 4) && !at(i + 5) && at(i + 6) && at(i + 7) && at(i + 8) && !at(i + 9) && at(i + 10);
            bool lightBefore = !at(i) && !at(i + 1) && !at(i + 2) && !at(i + 3);
            if (core && lightBefore) penalty += 40;
            bool core2 = at(i) && !at(i + 1) && at(i + 2) && at(i + 3) && at(i + 4) && !at(i + 5) && at(i + 6);
            bool lightAfter = !at(i + 7) && !at(i + 8) && !at(i + 9) && !at(i + 10);
            if (core2 && lightAfter) penalty += 40;
        }
        return penalty;
    }
}
