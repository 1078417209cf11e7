namespace RoboClub.Hub.Qr;

/// <summary>
/// Reed–Solomon error correction codewords over GF(256) with the QR field polynomial
/// x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots α^0 … α^(n−1) (ISO/IEC 18004 §7.5.2).
/// </summary>
static class ReedSolomon
{
    static readonly byte[] Exp = new byte[512];
    static readonly byte[] Log = new byte[256];

    static ReedSolomon()
    {
        int x = 1;
        for (int i = 0; i < 255; i++)
        {
            Exp[i] = (byte)x;
            Log[x] = (byte)i;
            x <<= 1;
            if (x >= 256) x ^= 0x11D;
        }
        // Doubled so Multiply can add logs without a modulo.
        for (int i = 255; i < 512; i++) Exp[i] = Exp[i - 255];
    }

    public static byte Multiply(byte a, byte b) => a == 0 || b == 0 ? (byte)0 : Exp[Log[a] + Log[b]];

    /// <summary>Coefficients of ∏(x − α^i), i &lt; degree, highest power first, the leading 1 left out.</summary>
    public static byte[] Generator(int degree)
    {
        var coefficients = new byte[degree];
        coefficients[degree - 1] = 1; // start from the polynomial 1
        byte root = 1;
        for (int i = 0; i < degree; i++)
        {
            // Multiply by (x − root); in GF(2^8) subtraction is XOR.
            for (int j = 0; j < degree; j++)
            {
                coefficients[j] = Multiply(coefficients[j], root);
                if (j + 1 < degree) coefficients[j] ^= coefficients[j + 1];
            }
            root = Multiply(root, 2);
        }
        return coefficients;
    }

    /// <summary>The remainder of data·x^degree divided by the generator: the error correction codewords.</summary>
    public static byte[] Remainder(ReadOnlySpan<byte> data, byte[] generator)
    {
        var remainder = new byte[generator.Length];
        foreach (byte b in data)
        {
            byte factor = (byte)(b ^ remainder[0]);
            Array.Copy(remainder, 1, remainder, 0, remainder.Length - 1);
            remainder[^1] = 0;
            for (int i = 0; i < remainder.Length; i++) remainder[i] ^= Multiply(generator[i], factor);
        }
        return remainder;
    }
}
