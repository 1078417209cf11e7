using System.Text;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Tests.Qr;

/// <summary>The inputs the peer tests share: hub URLs, Romanian text, and lengths that fill versions 1–10 exactly.</summary>
static class QrTestTexts
{
    public static readonly QrErrorCorrection[] Levels =
        [QrErrorCorrection.Low, QrErrorCorrection.Medium, QrErrorCorrection.Quartile, QrErrorCorrection.High];

    /// <summary>Byte-mode capacity in bytes of versions 1–10, from ISO/IEC 18004 Table 7 (independent of our tables).</summary>
    public static readonly Dictionary<QrErrorCorrection, int[]> ByteCapacity = new()
    {
        [QrErrorCorrection.Low] = [17, 32, 53, 78, 106, 134, 154, 192, 230, 271],
        [QrErrorCorrection.Medium] = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213],
        [QrErrorCorrection.Quartile] = [11, 20, 32, 46, 60, 74, 86, 108, 130, 151],
        [QrErrorCorrection.High] = [7, 14, 24, 34, 44, 58, 64, 84, 98, 119],
    };

    public const string Romanian = "Bună ziua! Școala de roboți: ș ț ă î â Ș Ț Ă Î Â. Țânțarul își pierde înghețata. ";

    public static readonly string[] Samples =
    [
        "http://192.168.1.23:5180/",
        "http://10.0.0.7:5180/join?club=robo&t=8f3a",
        "https://hub.roboclub.local:5180/sesiune/2026-11-21?elev=Ana-Maria",
        "HTTP://192.168.1.23:5180/",           // alphanumeric mode
        "0123456789",                          // numeric mode
        "3141592653589793238462643383279502884197169399375105820974944592", // numeric, several versions up
        "ROBOCLUB 2026 $%*+-./:",              // every alphanumeric symbol
        "Bună ziua, roboți!",
        "ș ț ă î â",
        Romanian,
        "A",
        "1",
    ];

    /// <summary>
    /// UTF-8 text of exactly <paramref name="bytes"/> bytes: Romanian (two-byte letters) topped up with
    /// ASCII, so the byte count, not the character count, decides the version.
    /// </summary>
    public static string OfUtf8Length(int bytes)
    {
        var text = new StringBuilder();
        int used = 0;
        for (int i = 0; ; i++)
        {
            char c = Romanian[i % Romanian.Length];
            int n = Encoding.UTF8.GetByteCount(c.ToString());
            if (used + n > bytes) break;
            text.Append(c);
            used += n;
        }
        while (used < bytes) { text.Append('.'); used++; }
        return text.ToString();
    }

    /// <summary>Every sample at every level, plus for every level and version 1–10 the fullest text that fits and one byte more.</summary>
    public static IEnumerable<(string Text, QrErrorCorrection Level)> All()
    {
        foreach (string text in Samples)
            foreach (var level in Levels) yield return (text, level);
        foreach (var level in Levels)
            foreach (int capacity in ByteCapacity[level])
            {
                yield return (OfUtf8Length(capacity), level);
                yield return (OfUtf8Length(capacity + 1), level);
            }
    }

    public static TheoryData<string, QrErrorCorrection> AllTheoryData()
    {
        var data = new TheoryData<string, QrErrorCorrection>();
        foreach (var (text, level) in All()) data.Add(text, level);
        return data;
    }
}
