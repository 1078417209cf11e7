namespace RoboClub.Telemetry;

/// <summary>
/// One measured value of one series: <paramref name="TimeMs"/> is wall-clock UTC time in
/// milliseconds since 1970-01-01 (the hub converts board time to this before storing).
/// </summary>
public readonly record struct TelemetrySample(string Series, long TimeMs, double Value)
{
    /// <summary>Why a store refuses this sample, or null when it is fine. Every store applies the same rules.</summary>
    internal string? Problem()
    {
        if (TelemetryNames.Problem(Series, "series name") is { } bad) return bad;
        // NaN and ±Infinity are refused: they cannot be averaged, charted or written to CSV in a way
        // spreadsheets read, and boards are not supposed to send them (protocol.md).
        if (!double.IsFinite(Value)) return $"The value of \"{Series}\" is {Value}; only finite numbers are stored.";
        if (!TimeRange.IsValidTime(TimeMs)) return $"The time {TimeMs} of \"{Series}\" is not between 1970 and 9999.";
        return null;
    }

    /// <summary>The samples a store keeps (in order), how many it refuses and the first reason, for every store's Append.</summary>
    internal static TelemetrySample[] KeepValid(IReadOnlyList<TelemetrySample> samples, out int rejected, out string? problem)
    {
        var valid = new TelemetrySample[samples.Count];
        int count = 0;
        rejected = 0;
        problem = null;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples[i].Problem() is { } why)
            {
                rejected++;
                problem ??= why;
            }
            else valid[count++] = samples[i];
        }
        if (count < valid.Length) Array.Resize(ref valid, count);
        return valid;
    }
}
