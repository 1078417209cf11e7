namespace RoboClub.Hub.Qr;

/// <summary>
/// A QR Code Model 2 symbol (ISO/IEC 18004), versions 1–40. The hub shows its LAN URL as one so
/// tablets can join by pointing a camera at the screen.
/// </summary>
/// <example><code>
/// var qr = QrCode.Encode("http://192.168.1.23:5180/");
/// Console.Write(qr.ToTerminal());
/// </code></example>
public sealed class QrCode
{
    readonly bool[,] _modules;

    /// <summary>Modules per side: 21 for version 1, then 4 more per version up to 177.</summary>
    public int Size { get; }
    /// <summary>1–40; the smallest that holds the text at the requested level.</summary>
    public int Version { get; }
    public QrErrorCorrection ErrorCorrection { get; }
    /// <summary>The data mask 0–7 in use (the one with the lowest penalty unless forced).</summary>
    public int Mask { get; }

    QrCode(QrMatrix matrix, QrErrorCorrection level, int mask)
    {
        _modules = matrix.Modules;
        Size = matrix.Size;
        Version = matrix.Version;
        ErrorCorrection = level;
        Mask = mask;
    }

    /// <summary>True for a dark module at column <paramref name="x"/>, row <paramref name="y"/>, (0, 0) top left.
    /// Outside the symbol is the quiet zone, so it reads light rather than throwing.</summary>
    public bool this[int x, int y] => x >= 0 && y >= 0 && x < Size && y < Size && _modules[y, x];

    /// <summary>
    /// Encodes <paramref name="text"/> in numeric, alphanumeric or byte (UTF-8) mode, whichever is most
    /// compact for the whole text, in the smallest version that fits at <paramref name="level"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The text does not fit in version 40 at this level.</exception>
    public static QrCode Encode(string text, QrErrorCorrection level = QrErrorCorrection.Medium) =>
        Encode(text, level, minVersion: QrVersion.Min, mask: null);

    /// <summary>For tests and peers: no smaller version than <paramref name="minVersion"/>, and a fixed mask when given.</summary>
    internal static QrCode Encode(string text, QrErrorCorrection level, int minVersion, int? mask)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Enum.IsDefined(level)) throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown QR error correction level.");
        if (minVersion is < QrVersion.Min or > QrVersion.Max) throw new ArgumentOutOfRangeException(nameof(minVersion));
        if (mask is < 0 or >= QrMasks.Count) throw new ArgumentOutOfRangeException(nameof(mask), mask, "QR masks are numbered 0–7.");

        var segment = QrSegment.For(text);
        int version = minVersion;
        while (!(segment.BitLength(version) is int bits && bits <= QrVersion.DataCodewords(version, level) * 8))
        {
            if (++version > QrVersion.Max) throw TooLong(segment, level);
        }

        var matrix = new QrMatrix(version);
        matrix.PlaceCodewords(QrCodewords.Build(segment, version, level));

        if (mask is int forced) return Finish(matrix, level, forced);
        QrCode? best = null;
        int bestPenalty = int.MaxValue;
        for (int m = 0; m < QrMasks.Count; m++)
        {
            QrCode candidate = Finish(matrix.Clone(), level, m);
            int penalty = QrMasks.Penalty(candidate._modules);
            if (penalty < bestPenalty) (best, bestPenalty) = (candidate, penalty); // ties keep the lower mask number
        }
        return best!;
    }

    static QrCode Finish(QrMatrix matrix, QrErrorCorrection level, int mask)
    {
        QrMasks.Apply(matrix, mask);
        matrix.DrawFormat(QrMatrix.FormatBits(level, mask));
        return new QrCode(matrix, level, mask);
    }

    static ArgumentException TooLong(QrSegment segment, QrErrorCorrection level)
    {
        int capacityBits = QrVersion.DataCodewords(QrVersion.Max, level) * 8;
        string unit = segment.Mode == QrMode.Byte ? $"{segment.CharacterCount} UTF-8 bytes" : $"{segment.CharacterCount} characters";
        string need = segment.BitLength(QrVersion.Max) is int bits ? $"need {bits} bits" : "are more than a symbol can count";
        return new ArgumentException(
            $"Text is too long for a QR code: {unit} in {segment.Mode.ToString().ToLowerInvariant()} mode {need}, " +
            $"but the largest symbol (version 40) at error correction {level} holds {capacityBits} bits. " +
            "Shorten the text or use a lower error correction level.",
            "text");
    }
}
