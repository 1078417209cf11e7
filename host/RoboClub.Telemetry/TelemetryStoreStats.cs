namespace RoboClub.Telemetry;

/// <summary>
/// Counters since the store was opened: samples accepted into the queue, rejected as invalid,
/// dropped because the queue was full, and written to the database (a sample repeating an existing
/// series and millisecond is written as a no-op, see the README), and the queue's current length.
/// </summary>
public readonly record struct TelemetryStoreStats(long Accepted, long Rejected, long Dropped, long Written, long Queued);
