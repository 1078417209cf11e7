namespace RoboClub.Telemetry;

/// <summary>
/// Telemetry history: every sample the boards send, kept per club, board and series. SQLite
/// (<see cref="SqliteTelemetryStore"/>) for a club's hub; PostgreSQL later for many clubs, so nothing
/// here is SQLite-specific. Names are checked with <see cref="TelemetryNames"/>; bad arguments of
/// queries throw <see cref="ArgumentException"/> with a message fit for a log or an HTTP 400.
/// </summary>
public interface ITelemetryStore : IAsyncDisposable
{
    /// <summary>
    /// Queues samples of one board for writing and returns at once: it never blocks or waits for
    /// the disk, so the MQTT broker's thread can call it. Invalid samples are rejected one by one
    /// (the rest are kept); when the write queue is full the samples are dropped and counted.
    /// Bad club or board names throw <see cref="ArgumentException"/>.
    /// </summary>
    AppendResult Append(string club, string board, IReadOnlyList<TelemetrySample> samples);

    /// <summary>
    /// Stores samples of one board and completes when the transaction holding them has committed
    /// (many callers share one transaction: group commit), so a caller may then acknowledge them
    /// (MQTT QoS 1 ack after commit). With a <paramref name="fingerprint"/> (<see cref="BatchFingerprint"/>
    /// of the message the samples came from) the store remembers it in the same transaction; a batch
    /// whose board and fingerprint were stored within <see cref="TelemetryStoreOptions.RepeatWindow"/>
    /// is not written again (<see cref="AppendResult.Repeat"/>): a redelivered message is stored once.
    /// It never drops for a full queue (the caller's unacknowledged messages are the back-pressure).
    /// Invalid samples are rejected one by one as in <see cref="Append"/>. Throws
    /// <see cref="TelemetryStoreException"/> when the transaction failed (nothing of it was stored:
    /// the caller must not acknowledge), <see cref="ObjectDisposedException"/> after disposal.
    /// </summary>
    Task<AppendResult> AppendAsync(string club, string board, IReadOnlyList<TelemetrySample> samples, long? fingerprint = null, CancellationToken cancellationToken = default);

    /// <summary>Completes when every sample queued before the call is in the database.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The board's series by name, with first and last sample time and count.</summary>
    Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(string club, string board, CancellationToken cancellationToken = default);

    /// <summary>
    /// Samples of one series in <paramref name="range"/>: raw points when there are at most
    /// <paramref name="maxPoints"/>, otherwise <paramref name="maxPoints"/> equal time buckets with
    /// min/max/avg/count (only the non-empty ones are returned). <paramref name="maxPoints"/> is 1 to <see cref="MaxPoints"/>.
    /// An unknown series gives an empty result.
    /// </summary>
    Task<RangeResult> QueryRangeAsync(SeriesKey series, TimeRange range, int maxPoints, CancellationToken cancellationToken = default);

    /// <summary>The newest sample of each of the board's series.</summary>
    Task<IReadOnlyList<LatestValue>> LatestAsync(string club, string board, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the requested range as CSV to <paramref name="output"/>, row by row (nothing is
    /// collected in memory). Returns the number of data rows. Format: see TelemetryCsv and the README.
    /// </summary>
    Task<long> ExportCsvAsync(CsvExportRequest request, TextWriter output, CancellationToken cancellationToken = default);

    /// <summary>The club's settings; <see cref="ClubSettings.Default"/> when never set.</summary>
    Task<ClubSettings> GetClubSettingsAsync(string club, CancellationToken cancellationToken = default);

    Task SetClubSettingsAsync(string club, ClubSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Deletes, in every club with a retention setting, samples older than its retention. Returns how many.</summary>
    Task<long> ApplyRetentionAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes every series and sample of a board. Returns how many samples.</summary>
    Task<long> DeleteBoardAsync(string club, string board, CancellationToken cancellationToken = default);

    TelemetryStoreStats Stats { get; }

    /// <summary>The largest point or bucket count a range query may ask for.</summary>
    public const int MaxPoints = 10_000;
}
