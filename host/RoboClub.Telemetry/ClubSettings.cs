namespace RoboClub.Telemetry;

/// <summary>
/// A club's telemetry settings, kept in the store. <see cref="RetentionDays"/>: samples older than
/// this many days are deleted by <see cref="ITelemetryStore.ApplyRetentionAsync"/> (null: keep
/// forever). <see cref="SampleIntervalMs"/>: how often the club's boards should send samples (the
/// hub passes it on in the boards' config; null: the board's default).
/// </summary>
public sealed record ClubSettings(int? RetentionDays, int? SampleIntervalMs)
{
    public const int MaxRetentionDays = 36_500;
    public const int MinSampleIntervalMs = 10;
    public const int MaxSampleIntervalMs = 3_600_000;

    public static ClubSettings Default { get; } = new(null, null);

    internal void Check()
    {
        if (RetentionDays is { } d && (d < 1 || d > MaxRetentionDays))
            throw new ArgumentOutOfRangeException(nameof(RetentionDays), d, $"Retention must be between 1 and {MaxRetentionDays} days (or none: keep forever).");
        if (SampleIntervalMs is { } ms && (ms < MinSampleIntervalMs || ms > MaxSampleIntervalMs))
            throw new ArgumentOutOfRangeException(nameof(SampleIntervalMs), ms, $"The sample interval must be between {MinSampleIntervalMs} ms and {MaxSampleIntervalMs} ms (one hour).");
    }
}
