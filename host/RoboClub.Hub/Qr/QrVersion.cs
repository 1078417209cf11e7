namespace RoboClub.Hub.Qr;

/// <summary>Per-version geometry and block structure (ISO/IEC 18004 Tables 1, 9 and Annex E).</summary>
static class QrVersion
{
    public const int Min = 1, Max = 40;

    // Error correction codewords per block and number of blocks, indexed [level][version]; from Table 9.
    // The rest of the block structure (data codewords, short/long blocks) follows from the module count.
    static readonly int[][] EcCodewordsPerBlock =
    [
        [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ];

    static readonly int[][] BlockCount =
    [
        [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ];

    public static int Size(int version) => version * 4 + 17;

    public static int EcCodewords(int version, QrErrorCorrection level) => EcCodewordsPerBlock[(int)level][version];

    public static int Blocks(int version, QrErrorCorrection level) => BlockCount[(int)level][version];

    /// <summary>Modules left for codewords after finder, timing, alignment, format and version patterns.</summary>
    public static int DataModules(int version)
    {
        int size = Size(version);
        int result = size * size - 3 * 64 - 2 * (size - 16) - 31; // finders with separators, timing, format + dark module
        int align = AlignmentPositions(version).Length;
        if (align > 0) result -= (align * align - 3) * 25 - (align - 2) * 2 * 5; // the ones on timing lines overlap 5 modules each
        if (version >= 7) result -= 36;
        return result;
    }

    /// <summary>Whole codewords in the symbol; 0–7 remainder bits are left over.</summary>
    public static int TotalCodewords(int version) => DataModules(version) / 8;

    public static int DataCodewords(int version, QrErrorCorrection level) =>
        TotalCodewords(version) - EcCodewords(version, level) * Blocks(version, level);

    /// <summary>Centre rows/columns of alignment patterns (Annex E): evenly spaced from the far side, first one at 6.</summary>
    public static int[] AlignmentPositions(int version)
    {
        if (version == 1) return [];
        int count = version / 7 + 2;
        // An even step measured from the far side; this rounding reproduces Table E.1 for every version, 32 included
        // (the tests compare all 40 versions with python-qrcode).
        int step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
        var positions = new int[count];
        positions[0] = 6;
        for (int i = count - 1, pos = Size(version) - 7; i >= 1; i--, pos -= step) positions[i] = pos;
        return positions;
    }
}
