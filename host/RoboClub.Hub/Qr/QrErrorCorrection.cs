namespace RoboClub.Hub.Qr;

/// <summary>How much of the symbol may be damaged and still read (ISO/IEC 18004 §7.5.1).</summary>
public enum QrErrorCorrection
{
    /// <summary>About 7% of codewords can be restored.</summary>
    Low,
    /// <summary>About 15%; the usual choice for a URL on a screen.</summary>
    Medium,
    /// <summary>About 25%.</summary>
    Quartile,
    /// <summary>About 30%.</summary>
    High,
}

static class QrErrorCorrectionBits
{
    /// <summary>The two bits the format information uses; the standard orders them L=01, M=00, Q=11, H=10, not by strength.</summary>
    public static int FormatBits(this QrErrorCorrection level) => level switch
    {
        QrErrorCorrection.Low => 1,
        QrErrorCorrection.Medium => 0,
        QrErrorCorrection.Quartile => 3,
        QrErrorCorrection.High => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown QR error correction level."),
    };
}
