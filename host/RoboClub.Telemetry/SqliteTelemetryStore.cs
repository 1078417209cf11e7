using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// <see cref="ITelemetryStore"/> in one SQLite file (WAL mode). Appends go through a bounded queue
/// to one background writer (<see cref="SqliteWriter"/>); queries use their own pooled read-only
/// connections, so reading never waits for writing. Open with <see cref="Open"/>; dispose to flush.
/// </summary>
public sealed partial class SqliteTelemetryStore : ITelemetryStore
{
    readonly string _path;
    readonly string _readConnectionString;
    readonly TelemetryStoreOptions _options;
    readonly Channel<WriteQueueItem> _queue;
    readonly SqliteWriter _writer;
    readonly Task _writerTask;
    readonly SampleQueue _samples;
    volatile bool _disposed;
    volatile string? _lastWriteError;

    SqliteTelemetryStore(string path, TelemetryStoreOptions options, SqliteWriter writer, string readConnectionString)
    {
        _path = path;
        _options = options;
        _writer = writer;
        _readConnectionString = readConnectionString;
        _samples = new SampleQueue(options, nameof(SqliteTelemetryStore), () => _disposed);
        _queue = _samples.Channel;
        _writerTask = Task.Run(() => _writer.RunAsync(_queue.Reader));
    }

    /// <summary>
    /// Opens (or creates) the database at <paramref name="path"/>. Throws <see cref="TelemetryStoreException"/>
    /// when the file is damaged, not ours, newer than this code, or locked; the file is then not changed.
    /// </summary>
    public static SqliteTelemetryStore Open(string path, TelemetryStoreOptions? options = null)
    {
        options ??= new TelemetryStoreOptions();
        if (options.MaxQueuedSamples < 1 || options.MaxSamplesPerTransaction < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Queue and transaction sizes must be at least 1.");
        path = System.IO.Path.GetFullPath(path);
        SQLitePCL.Batteries_V2.Init();
        int timeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        var common = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = timeoutSeconds };
        // The writer has its own unpooled connection for the store's lifetime.
        var writeCs = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var readCs = new SqliteConnectionStringBuilder(common.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = true };

        var connection = new SqliteConnection(writeCs.ConnectionString);
        try
        {
            try { connection.Open(); }
            catch (SqliteException e) { throw SqliteSchema.Explain(e, path); }
            SetBusyTimeout(connection, options.BusyTimeout);
            SqliteSchema.Prepare(connection, path);
            using (var pragmas = connection.CreateCommand())
            {
                // NORMAL in WAL mode: a crash of RoboClub loses nothing committed; a power cut may
                // lose the last commits (under a second of samples) but never corrupts the file.
                pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY;";
                pragmas.ExecuteNonQuery();
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        SqliteTelemetryStore? store = null;
        store = new SqliteTelemetryStore(path, options, new SqliteWriter(connection, path, options.MaxSamplesPerTransaction,
            dequeued => store!._samples.Dequeued(dequeued),
            written => store!._samples.Written(written),
            (lost, error) =>
            {
                store!._samples.Lost(lost);
                store._lastWriteError = error.Message;
            }), readCs.ConnectionString);
        return store;
    }

    /// <summary>The database file's full path.</summary>
    public string Path => _path;

    /// <summary>Why the writer last failed to store samples (they were counted as dropped), or null.</summary>
    public string? LastWriteError => _lastWriteError;

    public TelemetryStoreStats Stats => _samples.Stats;

    public AppendResult Append(string club, string board, IReadOnlyList<TelemetrySample> samples) => _samples.Append(club, board, samples);

    public Task<AppendResult> AppendAsync(string club, string board, IReadOnlyList<TelemetrySample> samples, long? fingerprint = null, CancellationToken cancellationToken = default) =>
        _samples.AppendAsync(club, board, samples, fingerprint, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken = default) => RunOnWriterAsync(_ => 0, cancellationToken);

    // Commands (deletes, settings, flush) wait for queue space instead of being dropped: they are rare and a caller awaits them.
    internal async Task<long> RunOnWriterAsync(Func<SqliteWriter, long> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = new WriterCommand(action);
        await _queue.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        return await command.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return Read<IReadOnlyList<SeriesInfo>>(connection =>
        {
            using var c = Command(connection, "SELECT name, first_t, last_t, count FROM series WHERE club = $c AND board = $b AND count > 0 ORDER BY name");
            c.Parameters.AddWithValue("$c", club);
            c.Parameters.AddWithValue("$b", board);
            using var r = c.ExecuteReader();
            var list = new List<SeriesInfo>();
            while (r.Read()) list.Add(new SeriesInfo(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
            return list;
        });
    }

    public Task<IReadOnlyList<LatestValue>> LatestAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return Read<IReadOnlyList<LatestValue>>(connection =>
        {
            // last_t is kept by the writer, so this is one primary-key lookup per series.
            using var c = Command(connection, """
                SELECT s.name, x.t, x.v FROM series s JOIN samples x ON x.series_id = s.id AND x.t = s.last_t
                WHERE s.club = $c AND s.board = $b ORDER BY s.name
                """);
            c.Parameters.AddWithValue("$c", club);
            c.Parameters.AddWithValue("$b", board);
            using var r = c.ExecuteReader();
            var list = new List<LatestValue>();
            while (r.Read()) list.Add(new LatestValue(r.GetString(0), r.GetInt64(1), r.GetDouble(2)));
            return list;
        });
    }

    public Task<RangeResult> QueryRangeAsync(SeriesKey series, TimeRange range, int maxPoints, CancellationToken cancellationToken = default)
    {
        series.Check();
        if (maxPoints < 1 || maxPoints > ITelemetryStore.MaxPoints)
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, $"Ask for 1 to {ITelemetryStore.MaxPoints} points or buckets.");
        return Read(connection =>
        {
            var empty = new RangeResult(range, [], [], 0);
            long? id = FindSeries(connection, series.Club, series.Board, series.Series);
            if (id is null || range.LengthMs == 0) return empty;

            // Raw points when there are few. Counting up to one more than asked, inside SQLite, tells
            // whether there are too many without handing thousands of rows to .NET first.
            using (var c = Command(connection, "SELECT count(*) FROM (SELECT 1 FROM samples WHERE series_id = $id AND t >= $from AND t < $to LIMIT $limit)"))
            {
                c.Parameters.AddWithValue("$id", id.Value);
                c.Parameters.AddWithValue("$from", range.FromMs);
                c.Parameters.AddWithValue("$to", range.ToMs);
                c.Parameters.AddWithValue("$limit", maxPoints + 1);
                if ((long)c.ExecuteScalar()! <= maxPoints)
                {
                    // LIMIT again: samples may have arrived since the count (then we draw buckets after all).
                    c.CommandText = "SELECT t, v FROM samples WHERE series_id = $id AND t >= $from AND t < $to ORDER BY t LIMIT $limit";
                    var points = new List<DataPoint>();
                    using (var r = c.ExecuteReader())
                        while (r.Read()) points.Add(new DataPoint(r.GetInt64(0), r.GetDouble(1)));
                    if (points.Count <= maxPoints) return new RangeResult(range, points, [], 0);
                }
            }
            var (buckets, width) = SqliteBuckets.Query(connection, id.Value, range, maxPoints);
            return new RangeResult(range, [], buckets, width);
        });
    }

    public Task<long> ExportCsvAsync(CsvExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        request.Check();
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SqliteCsvExport.WriteAsync(_readConnectionString, _path, request, output, cancellationToken);
    }

    public Task<ClubSettings> GetClubSettingsAsync(string club, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        return Read(connection =>
        {
            using var c = Command(connection, "SELECT retention_days, sample_interval_ms FROM club_settings WHERE club = $c");
            c.Parameters.AddWithValue("$c", club);
            using var r = c.ExecuteReader();
            if (!r.Read()) return ClubSettings.Default;
            return new ClubSettings(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1));
        });
    }

    public async Task SetClubSettingsAsync(string club, ClubSettings settings, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check();
        await RunOnWriterAsync(w => w.InTransaction(tx =>
        {
            using var c = w.Command("""
                INSERT INTO club_settings (club, retention_days, sample_interval_ms) VALUES ($c, $r, $s)
                ON CONFLICT (club) DO UPDATE SET retention_days = excluded.retention_days, sample_interval_ms = excluded.sample_interval_ms
                """, tx);
            c.Parameters.AddWithValue("$c", club);
            c.Parameters.AddWithValue("$r", (object?)settings.RetentionDays ?? DBNull.Value);
            c.Parameters.AddWithValue("$s", (object?)settings.SampleIntervalMs ?? DBNull.Value);
            return c.ExecuteNonQuery();
        }), cancellationToken).ConfigureAwait(false);
    }

    public Task<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        long now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return RunOnWriterAsync(w =>
        {
            var work = new List<(long Id, long Cutoff)>();
            using (var c = w.Command("SELECT s.id, k.retention_days FROM series s JOIN club_settings k ON k.club = s.club WHERE k.retention_days IS NOT NULL AND s.count > 0"))
            using (var r = c.ExecuteReader())
                while (r.Read()) work.Add((r.GetInt64(0), now - r.GetInt64(1) * 86_400_000L));
            long deleted = 0;
            // One transaction per series keeps each pause of ingestion short.
            foreach (var (id, cutoff) in work)
                deleted += w.InTransaction(tx => DeleteOlder(w, tx, id, cutoff));
            w.InTransaction(tx => ForgetOldBatches(w, tx, (long)_options.RepeatWindow.TotalMilliseconds));
            return deleted;
        }, cancellationToken);
    }

    /// <summary>Batch fingerprints older than the repeat window, counted back from the newest one (hub downtime does not count).</summary>
    static long ForgetOldBatches(SqliteWriter w, SqliteTransaction tx, long windowMs)
    {
        using var delete = w.Command("DELETE FROM batches WHERE stored_ms < (SELECT max(stored_ms) FROM batches) - $window", tx);
        delete.Parameters.AddWithValue("$window", windowMs);
        return delete.ExecuteNonQuery();
    }

    static long DeleteOlder(SqliteWriter w, SqliteTransaction tx, long seriesId, long cutoff)
    {
        using var delete = w.Command("DELETE FROM samples WHERE series_id = $id AND t < $cutoff", tx);
        delete.Parameters.AddWithValue("$id", seriesId);
        delete.Parameters.AddWithValue("$cutoff", cutoff);
        int n = delete.ExecuteNonQuery();
        if (n > 0)
        {
            // Summaries of blocks before the cutoff go; the block holding the cutoff is summarised again from what is left.
            using var rollups = w.Command("""
                DELETE FROM rollups WHERE series_id = $id AND width_ms = $w AND b <= $cutoff / $w;
                INSERT INTO rollups SELECT $id, $w, $cutoff / $w, min(v), max(v), sum(v), count(*) FROM samples
                    WHERE series_id = $id AND t >= $cutoff / $w * $w AND t < ($cutoff / $w + 1) * $w HAVING count(*) > 0;
                """, tx);
            rollups.Parameters.AddWithValue("$id", seriesId);
            rollups.Parameters.AddWithValue("$cutoff", cutoff);
            var width = rollups.Parameters.Add("$w", SqliteType.Integer);
            foreach (long levelWidth in RollupLevels.WidthsMs)
            {
                width.Value = levelWidth;
                rollups.ExecuteNonQuery();
            }

            using var update = w.Command("""
                UPDATE series SET count = count - $n,
                    first_t = (SELECT min(t) FROM samples WHERE series_id = $id),
                    last_t = (SELECT max(t) FROM samples WHERE series_id = $id)
                WHERE id = $id
                """, tx);
            update.Parameters.AddWithValue("$n", n);
            update.Parameters.AddWithValue("$id", seriesId);
            update.ExecuteNonQuery();
        }
        return n;
    }

    public Task<long> DeleteBoardAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return RunOnWriterAsync(w =>
        {
            long deleted = w.InTransaction(tx =>
            {
                using var samples = w.Command("DELETE FROM samples WHERE series_id IN (SELECT id FROM series WHERE club = $c AND board = $b)", tx);
                samples.Parameters.AddWithValue("$c", club);
                samples.Parameters.AddWithValue("$b", board);
                long n = samples.ExecuteNonQuery();
                using var rollups = w.Command("DELETE FROM rollups WHERE series_id IN (SELECT id FROM series WHERE club = $c AND board = $b)", tx);
                rollups.Parameters.AddWithValue("$c", club);
                rollups.Parameters.AddWithValue("$b", board);
                rollups.ExecuteNonQuery();
                using var series = w.Command("DELETE FROM series WHERE club = $c AND board = $b", tx);
                series.Parameters.AddWithValue("$c", club);
                series.Parameters.AddWithValue("$b", board);
                series.ExecuteNonQuery();
                return n;
            });
            w.ForgetBoard(club, board);
            return deleted;
        }, cancellationToken);
    }

    internal static long? FindSeries(SqliteConnection connection, string club, string board, string name)
    {
        using var c = Command(connection, "SELECT id FROM series WHERE club = $c AND board = $b AND name = $n");
        c.Parameters.AddWithValue("$c", club);
        c.Parameters.AddWithValue("$b", board);
        c.Parameters.AddWithValue("$n", name);
        return c.ExecuteScalar() as long?;
    }

    // Queries run synchronously (SQLite has no real async I/O) on a pooled read-only connection.
    Task<T> Read<T>(Func<SqliteConnection, T> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = OpenReader(_readConnectionString);
            return Task.FromResult(query(connection));
        }
        catch (SqliteException e)
        {
            return Task.FromException<T>(SqliteSchema.Explain(e, _path));
        }
    }

    internal static SqliteConnection OpenReader(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    internal static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var c = connection.CreateCommand();
        c.CommandText = sql;
        return c;
    }

    static void SetBusyTimeout(SqliteConnection connection, TimeSpan timeout)
    {
        using var c = connection.CreateCommand();
        c.CommandText = $"PRAGMA busy_timeout = {(long)timeout.TotalMilliseconds}";
        c.ExecuteNonQuery();
    }

    /// <summary>Stops taking samples, writes everything queued, and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
        try
        {
            await _writerTask.ConfigureAwait(false);
        }
        finally
        {
            _writer.Dispose();
            // Pooled read connections would keep the file open (and a test's temp folder undeletable).
            using var forPool = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(forPool);
        }
    }
}
