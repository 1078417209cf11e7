namespace RoboClub.Hub.Qr;

/// <summary>
/// The module grid while a symbol is built: function patterns (§6.3), format and version
/// information (§7.9, §7.10) and codeword placement (§7.7.3). Indexed [y, x]; true is dark.
/// </summary>
sealed class QrMatrix
{
    public int Version { get; }
    public int Size { get; }
    public bool[,] Modules { get; }
    /// <summary>Modules that are not data, so placement and masking skip them.</summary>
    readonly bool[,] _isFunction;

    public QrMatrix(int version)
    {
        Version = version;
        Size = QrVersion.Size(version);
        Modules = new bool[Size, Size];
        _isFunction = new bool[Size, Size];
        DrawFunctionPatterns();
    }

    QrMatrix(QrMatrix other)
    {
        Version = other.Version;
        Size = other.Size;
        Modules = (bool[,])other.Modules.Clone();
        _isFunction = other._isFunction; // never changes after construction
    }

    public QrMatrix Clone() => new(this);

    public bool IsFunction(int x, int y) => _isFunction[y, x];

    void Set(int x, int y, bool dark)
    {
        Modules[y, x] = dark;
        _isFunction[y, x] = true;
    }

    void DrawFunctionPatterns()
    {
        // Timing patterns first; finders and alignment patterns then overwrite their crossings.
        for (int i = 0; i < Size; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }
        DrawFinder(3, 3);
        DrawFinder(Size - 4, 3);
        DrawFinder(3, Size - 4);

        int[] align = QrVersion.AlignmentPositions(Version);
        for (int i = 0; i < align.Length; i++)
            for (int j = 0; j < align.Length; j++)
            {
                // The three corners with finder patterns get none.
                bool nearFinder = (i == 0 && j == 0) || (i == 0 && j == align.Length - 1) || (i == align.Length - 1 && j == 0);
                if (!nearFinder) DrawAlignment(align[i], align[j]);
            }

        // Reserve the format and version areas now (light) so data placement skips them; filled in by DrawFormat.
        DrawFormat(0);
        DrawVersion();
    }

    /// <summary>7×7 finder with its one-module light separator, clipped at the symbol edge.</summary>
    void DrawFinder(int cx, int cy)
    {
        for (int dy = -4; dy <= 4; dy++)
            for (int dx = -4; dx <= 4; dx++)
            {
                int x = cx + dx, y = cy + dy;
                if (x < 0 || x >= Size || y < 0 || y >= Size) continue;
                int ring = Math.Max(Math.Abs(dx), Math.Abs(dy)); // 0–1 centre, 2 light, 3 dark, 4 separator
                Set(x, y, ring != 2 && ring != 4);
            }
    }

    void DrawAlignment(int cx, int cy)
    {
        for (int dy = -2; dy <= 2; dy++)
            for (int dx = -2; dx <= 2; dx++)
                Set(cx + dx, cy + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
    }

    /// <summary>15 bits: level and mask, BCH(15,5) protected, XORed with 101010000010010 so they are never all light.</summary>
    public static int FormatBits(QrErrorCorrection level, int mask)
    {
        int data = level.FormatBits() << 3 | mask;
        int remainder = data;
        for (int i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537);
        return ((data << 10) | remainder) ^ 0x5412;
    }

    public void DrawFormat(int bits)
    {
        bool Bit(int i) => ((bits >> i) & 1) != 0;
        // Copy 1, around the top-left finder; bit 0 is the least significant.
        for (int i = 0; i <= 5; i++) Set(8, i, Bit(i));
        Set(8, 7, Bit(6));
        Set(8, 8, Bit(7));
        Set(7, 8, Bit(8));
        for (int i = 9; i < 15; i++) Set(14 - i, 8, Bit(i));
        // Copy 2, split between the top-right and bottom-left finders.
        for (int i = 0; i < 8; i++) Set(Size - 1 - i, 8, Bit(i));
        for (int i = 8; i < 15; i++) Set(8, Size - 15 + i, Bit(i));
        Set(8, Size - 8, true); // the dark module, always dark
    }

    /// <summary>Versions 7 and up: the version number, BCH(18,6) protected, in two 6×3 blocks.</summary>
    void DrawVersion()
    {
        if (Version < 7) return;
        int remainder = Version;
        for (int i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25);
        int bits = Version << 12 | remainder;
        for (int i = 0; i < 18; i++)
        {
            bool bit = ((bits >> i) & 1) != 0;
            int a = Size - 11 + i % 3, b = i / 3;
            Set(a, b, bit);
            Set(b, a, bit);
        }
    }

    /// <summary>
    /// Places codewords in two-module-wide columns from the bottom right, zig-zagging up and down and
    /// skipping the vertical timing column. Remainder bits after the last codeword stay light.
    /// </summary>
    public void PlaceCodewords(byte[] codewords)
    {
        int i = 0;
        for (int right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6) right = 5;
            bool upward = ((right + 1) & 2) == 0;
            for (int vert = 0; vert < Size; vert++)
            {
                int y = upward ? Size - 1 - vert : vert;
                for (int j = 0; j < 2; j++)
                {
                    int x = right - j;
                    if (_isFunction[y, x]) continue;
                    if (i < codewords.Length * 8) Modules[y, x] = ((codewords[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                    i++;
                }
            }
        }
    }
}
