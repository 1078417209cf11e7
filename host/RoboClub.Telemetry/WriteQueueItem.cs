namespace RoboClub.Telemetry;

/// <summary>What the background writer is asked to do, in order: store samples, or run a command.</summary>
abstract class WriteQueueItem;

/// <summary>Samples of one board, already checked.</summary>
sealed class SampleBatch(string club, string board, TelemetrySample[] samples) : WriteQueueItem
{
    public string Club { get; } = club;
    public string Board { get; } = board;
    public TelemetrySample[] Samples { get; } = samples;
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
