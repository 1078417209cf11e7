using System.Globalization;

namespace RoboClub.Telemetry;

/// <summary>
/// The CSV export format (RFC 4180), one row per sample, in time order:
/// <code>
/// time_utc,time_ms,board,series,value
/// 2026-11-21T20:25:52.123Z,1795292752123,station-1,temperature,21.5
/// </code>
/// UTF-8 without a byte-order mark, CRLF line ends. <c>time_utc</c>: ISO 8601 UTC with milliseconds;
/// <c>time_ms</c>: the same instant in ms since 1970-01-01 (exact, for programs); <c>value</c>: the
/// shortest text that reads back as the same double, '.' as decimal separator, no thousands separator.
/// Names are quoted (with "" for a quote) when they hold a comma, quote or line break — the name
/// rules never allow those, but the writer does not rely on it. Rows with equal times are ordered by
/// board, then series.
/// </summary>
public static class TelemetryCsv
{
    public const string Header = "time_utc,time_ms,board,series,value";
    public const string NewLine = "\r\n";

    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2026-11-21T20:25:52.123Z.</summary>
    public static string FormatTime(long timeMs)
    {
        Span<char> buffer = stackalloc char[24];
        return new string(buffer[..WriteTime(buffer, timeMs)]);
    }

    /// <summary>A field as RFC 4180 wants it: quoted only when it holds a comma, quote, CR or LF.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    /// <summary>Writes the time at the start of <paramref name="destination"/> (24 chars); returns the length.</summary>
    internal static int WriteTime(Span<char> destination, long timeMs)
    {
        var time = DateTime.UnixEpoch.AddMilliseconds(timeMs);
        if (!time.TryFormat(destination, out int written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            throw new ArgumentException("buffer too small", nameof(destination));
        return written;
    }

    /// <summary>Writes a value in the export's number format; returns the length.</summary>
    internal static int WriteValue(Span<char> destination, double value)
    {
        if (!value.TryFormat(destination, out int written, "R", CultureInfo.InvariantCulture))
            throw new ArgumentException("buffer too small", nameof(destination));
        return written;
    }
}
