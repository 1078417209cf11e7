namespace RoboClub.Telemetry;

/// <summary>Tuning of <see cref="SqliteTelemetryStore"/>; the defaults suit a club's hub.</summary>
public sealed class TelemetryStoreOptions
{
    /// <summary>
    /// Samples that may wait for the writer. About 50 bytes each, so the default is ~25 MB at worst.
    /// Beyond it <see cref="ITelemetryStore.Append"/> drops and counts (see the README, back-pressure).
    /// </summary>
    public int MaxQueuedSamples { get; init; } = 500_000;

    /// <summary>The writer commits after at most this many samples (or sooner, when the queue is empty).</summary>
    public int MaxSamplesPerTransaction { get; init; } = 50_000;

    /// <summary>How long a statement waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long batch fingerprints (<see cref="ITelemetryStore.AppendAsync"/>) are kept, counted back
    /// from the newest one stored (so time the hub was down does not count): a message redelivered
    /// within this much ingest time is recognised and stored once. Pruned with retention.
    /// </summary>
    public TimeSpan RepeatWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The clock retention uses (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
