namespace RoboClub.Telemetry;

/// <summary>
/// What happened to the samples handed to <see cref="ITelemetryStore.Append"/>:
/// <see cref="Accepted"/> were queued for writing; <see cref="Rejected"/> were invalid (bad series
/// name, NaN or infinite value, time out of range; <see cref="FirstProblem"/> says why);
/// <see cref="Dropped"/> were valid but the write queue was full.
/// </summary>
public readonly record struct AppendResult(int Accepted, int Rejected, int Dropped, string? FirstProblem);
