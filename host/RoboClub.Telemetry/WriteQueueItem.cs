namespace RoboClub.Telemetry;

/// <summary>What the background writer is asked to do, in order: store samples, or run a command.</summary>
abstract class WriteQueueItem;

/// <summary>
/// Samples of one board, already checked. A batch from <see cref="ITelemetryStore.AppendAsync"/> also
/// carries its fingerprint (null: none) and <see cref="Committed"/>, completed by the writer once the
/// transaction holding it committed (true) or the fingerprint was already stored (false: a repeat), or
/// failed with the reason the transaction did not commit.
/// </summary>
sealed class SampleBatch(string club, string board, TelemetrySample[] samples, long? fingerprint = null, bool awaited = false, long receivedMs = 0) : WriteQueueItem
{
    public string Club { get; } = club;
    public string Board { get; } = board;
    public TelemetrySample[] Samples { get; } = samples;
    public long? Fingerprint { get; } = fingerprint;
    /// <summary>When the store took the batch (wall clock, ms): the fingerprint's age for pruning.</summary>
    public long ReceivedMs { get; } = receivedMs;
    public TaskCompletionSource<bool>? Committed { get; } = awaited ? new(TaskCreationOptions.RunContinuationsAsynchronously) : null;
    /// <summary>Set by the writer when the fingerprint was stored before: the samples are not written again.</summary>
    public bool IsRepeat { get; set; }
}

/// <summary>
/// A change other than appending (delete, retention, settings) or a flush marker, for SQLite. It runs on the
/// writer's connection after the samples queued before it are committed, so it never races them.
/// </summary>
sealed class WriterCommand(Func<SqliteWriter, long> action) : WriteQueueItem
{
    public Func<SqliteWriter, long> Action { get; } = action;
    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// A change other than appending (delete, retention, settings) or a flush marker, for the PostgreSQL
/// writer. It runs after the samples queued before it are committed, so it never races them.
/// </summary>
sealed class PostgresWriterCommand(Func<PostgresWriter, Task<long>> action) : WriteQueueItem
{
    public Func<PostgresWriter, Task<long>> Action { get; } = action;
    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
