namespace RoboClub.Telemetry;

/// <summary>
/// A half-open time range [FromMs, ToMs) in UTC milliseconds since 1970. Ranges come from web
/// requests, so the constructor refuses reversed or out-of-range ends with a clear message.
/// </summary>
public readonly record struct TimeRange
{
    /// <summary>Largest time the store accepts: 9999-12-31T23:59:59.999Z.</summary>
    public const long MaxTimeMs = 253_402_300_799_999;

    public long FromMs { get; }
    public long ToMs { get; }

    public TimeRange(long fromMs, long toMs)
    {
        CheckTime(fromMs, nameof(fromMs));
        // ToMs is exclusive, so one past the largest time is still a valid end.
        if (toMs < 0 || toMs > MaxTimeMs + 1)
            throw new ArgumentOutOfRangeException(nameof(toMs), toMs, $"The end of the time range must be between 0 and {MaxTimeMs + 1} ms since 1970.");
        if (fromMs > toMs)
            throw new ArgumentException($"The time range starts ({TelemetryCsv.FormatTime(fromMs)}) after it ends ({TelemetryCsv.FormatTime(toMs)}).", nameof(fromMs));
        FromMs = fromMs;
        ToMs = toMs;
    }

    public static TimeRange From(DateTimeOffset from, DateTimeOffset to) => new(from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());

    /// <summary>Every time the store can hold.</summary>
    public static TimeRange All => new(0, MaxTimeMs + 1);

    public long LengthMs => ToMs - FromMs;

    public bool Contains(long timeMs) => timeMs >= FromMs && timeMs < ToMs;

    internal static void CheckTime(long timeMs, string paramName)
    {
        if (timeMs < 0 || timeMs > MaxTimeMs)
            throw new ArgumentOutOfRangeException(paramName, timeMs, $"A time must be between 0 (1970-01-01) and {MaxTimeMs} (9999-12-31) ms since 1970.");
    }

    internal static bool IsValidTime(long timeMs) => timeMs >= 0 && timeMs <= MaxTimeMs;
}
