using System.Text;

namespace RoboClub.Hub.Qr;

/// <summary>The data encodings (ISO/IEC 18004 §7.4). Kanji and ECI are not used: URLs and club text do not need them.</summary>
enum QrMode
{
    Numeric = 0b0001,
    Alphanumeric = 0b0010,
    Byte = 0b0100,
}

/// <summary>
/// The whole text as one segment in the most compact single mode that can hold it. Mixing modes
/// inside one symbol would save a few bits on long mixed text, but a hub URL gains nothing from it.
/// </summary>
sealed class QrSegment
{
    const string AlphanumericCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

    public QrMode Mode { get; }
    /// <summary>Characters for numeric/alphanumeric, bytes for byte mode: what the count indicator holds.</summary>
    public int CharacterCount { get; }
    readonly string _text;
    readonly byte[] _bytes;

    QrSegment(QrMode mode, string text, byte[] bytes, int count)
    {
        Mode = mode;
        _text = text;
        _bytes = bytes;
        CharacterCount = count;
    }

    public static QrSegment For(string text)
    {
        if (text.All(c => c is >= '0' and <= '9'))
            return new QrSegment(QrMode.Numeric, text, [], text.Length);
        if (text.All(c => AlphanumericCharset.Contains(c)))
            return new QrSegment(QrMode.Alphanumeric, text, [], text.Length);
        // Byte mode without an ECI header: readers guess the charset, and today they all try UTF-8 first.
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return new QrSegment(QrMode.Byte, text, bytes, bytes.Length);
    }

    /// <summary>Width of the character count indicator; it grows at versions 10 and 27 (Table 3).</summary>
    public int CountBits(int version)
    {
        int band = version <= 9 ? 0 : version <= 26 ? 1 : 2;
        return Mode switch
        {
            QrMode.Numeric => new[] { 10, 12, 14 }[band],
            QrMode.Alphanumeric => new[] { 9, 11, 13 }[band],
            _ => new[] { 8, 16, 16 }[band],
        };
    }

    /// <summary>Bits for mode, count and data at this version, or null if the count does not fit its indicator.</summary>
    public int? BitLength(int version)
    {
        int countBits = CountBits(version);
        if (CharacterCount >= 1 << countBits) return null;
        int dataBits = Mode switch
        {
            QrMode.Numeric => CharacterCount / 3 * 10 + (CharacterCount % 3) switch { 1 => 4, 2 => 7, _ => 0 },
            QrMode.Alphanumeric => CharacterCount / 2 * 11 + CharacterCount % 2 * 6,
            _ => CharacterCount * 8,
        };
        return 4 + countBits + dataBits;
    }

    public void AppendTo(QrBitBuffer buffer, int version)
    {
        buffer.Append((int)Mode, 4);
        buffer.Append(CharacterCount, CountBits(version));
        switch (Mode)
        {
            case QrMode.Numeric:
                for (int i = 0; i < _text.Length; i += 3)
                {
                    int n = Math.Min(3, _text.Length - i);
                    int value = 0;
                    for (int k = i; k < i + n; k++) value = value * 10 + (_text[k] - '0');
                    buffer.Append(value, n * 3 + 1);
                }
                break;
            case QrMode.Alphanumeric:
                for (int i = 0; i < _text.Length; i += 2)
                {
                    int first = AlphanumericCharset.IndexOf(_text[i]);
                    if (i + 1 < _text.Length) buffer.Append(first * 45 + AlphanumericCharset.IndexOf(_text[i + 1]), 11);
                    else buffer.Append(first, 6);
                }
                break;
            default:
                foreach (byte b in _bytes) buffer.Append(b, 8);
                break;
        }
    }
}
