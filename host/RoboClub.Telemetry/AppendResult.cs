namespace RoboClub.Telemetry;

/// <summary>
/// What happened to the samples handed to <see cref="ITelemetryStore.Append"/>:
/// <see cref="Accepted"/> were queued for writing; <see cref="Rejected"/> were invalid (bad series
/// name, NaN or infinite value, time out of range; <see cref="FirstProblem"/> says why);
/// <see cref="Dropped"/> were valid but the write queue was full.
/// From <see cref="ITelemetryStore.AppendAsync"/>, <see cref="Accepted"/> samples are committed, and
/// <see cref="Repeat"/> says the batch's fingerprint was stored before, so nothing was written again.
/// </summary>
public readonly record struct AppendResult(int Accepted, int Rejected, int Dropped, string? FirstProblem)
{
    /// <summary>The batch was a repeat of one already stored (same board and fingerprint): its samples were not written again.</summary>
    public bool Repeat { get; init; }
}
