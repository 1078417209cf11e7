using System.Threading.Channels;
using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// <see cref="ITelemetryStore"/> in a PostgreSQL database, for many clubs whose hubs share one
/// server. Behaves like <see cref="SqliteTelemetryStore"/> (same checks, queue, back-pressure,
/// summaries, CSV bytes); appends go through a bounded queue to one background writer
/// (<see cref="PostgresWriter"/>), queries use pooled connections. Several hubs, each with its own
/// store, may use the same database at once (see the README, PostgreSQL). Open with
/// <see cref="OpenAsync(PostgresUrl, TelemetryStoreOptions?)"/>; dispose to flush.
/// </summary>
public sealed partial class PostgresTelemetryStore : ITelemetryStore
{
    readonly NpgsqlDataSource _source;
    readonly string _where;
    readonly TelemetryStoreOptions _options;
    readonly Channel<WriteQueueItem> _queue;
    readonly Task _writerTask;
    readonly SampleQueue _samples;
    volatile bool _disposed;
    volatile string? _lastWriteError;

    PostgresTelemetryStore(NpgsqlDataSource source, string where, TelemetryStoreOptions options)
    {
        _source = source;
        _where = where;
        _options = options;
        _samples = new SampleQueue(options, nameof(PostgresTelemetryStore), () => _disposed);
        _queue = _samples.Channel;
        var writer = new PostgresWriter(source, where, options.MaxSamplesPerTransaction,
            dequeued => _samples.Dequeued(dequeued),
            written => _samples.Written(written),
            (lost, error) =>
            {
                _samples.Lost(lost);
                _lastWriteError = error.Message;
            });
        Writer = writer;
        _writerTask = Task.Run(() => writer.RunAsync(_queue.Reader));
    }

    internal PostgresWriter Writer { get; }

    /// <summary>
    /// Connects to the database at <paramref name="url"/>, checks it and creates or migrates the
    /// telemetry tables. Throws <see cref="TelemetryStoreException"/> when the server cannot be
    /// reached, refuses the login, or holds tables of a newer RoboClub or another program (left untouched).
    /// </summary>
    public static Task<PostgresTelemetryStore> OpenAsync(PostgresUrl url, TelemetryStoreOptions? options = null) =>
        OpenAsync(url.ConnectionString, options);

    /// <summary>Like <see cref="OpenAsync(PostgresUrl, TelemetryStoreOptions?)"/> with an Npgsql connection string.</summary>
    public static async Task<PostgresTelemetryStore> OpenAsync(string connectionString, TelemetryStoreOptions? options = null)
    {
        options ??= new TelemetryStoreOptions();
        if (options.MaxQueuedSamples < 1 || options.MaxSamplesPerTransaction < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Queue and transaction sizes must be at least 1.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // BusyTimeout bounds how long a statement waits for a lock, as in SQLite; 0 would mean "forever".
        var timeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds));
        builder.Timeout = Math.Max(builder.Timeout, timeout);
        // Retention of a big club or an export's chunks may take a while on a busy server; a hung one still ends.
        builder.CommandTimeout = Math.Max(builder.CommandTimeout, 300);
        string where = $"{builder.Host}:{builder.Port}/{builder.Database}{(string.IsNullOrEmpty(builder.SearchPath) ? "" : "?schema=" + builder.SearchPath)}";
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(builder.ConnectionString);
        dataSourceBuilder.ConnectionStringBuilder.Options = $"-c lock_timeout={(long)options.BusyTimeout.TotalMilliseconds}";
        var source = dataSourceBuilder.Build();
        try
        {
            await PostgresSchema.PrepareAsync(source, where).ConfigureAwait(false);
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PostgresTelemetryStore(source, where, options);
    }

    /// <summary>Where the store is, for messages: host:port/database (never the password).</summary>
    public string Where => _where;

    /// <summary>Why the writer last failed to store samples (they were counted as dropped), or null.</summary>
    public string? LastWriteError => _lastWriteError;

    public TelemetryStoreStats Stats => _samples.Stats;

    public AppendResult Append(string club, string board, IReadOnlyList<TelemetrySample> samples) => _samples.Append(club, board, samples);

    public Task<AppendResult> AppendAsync(string club, string board, IReadOnlyList<TelemetrySample> samples, long? fingerprint = null, CancellationToken cancellationToken = default) =>
        _samples.AppendAsync(club, board, samples, fingerprint, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken = default) => RunOnWriterAsync(_ => Task.FromResult(0L), cancellationToken);

    // Commands wait for queue space instead of being dropped: they are rare and a caller awaits them.
    internal async Task<long> RunOnWriterAsync(Func<PostgresWriter, Task<long>> action, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = new PostgresWriterCommand(action);
        await _queue.Writer.WriteAsync(command, cancellationToken).ConfigureAwait(false);
        return await command.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SeriesInfo>> ListSeriesAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return Read<IReadOnlyList<SeriesInfo>>(async connection =>
        {
            // COLLATE "C": code-point order, as SQLite's and the CSV export's ordinal order.
            await using var c = Command(connection, """SELECT name, first_t, last_t, count FROM telemetry_series WHERE club = $1 AND board = $2 AND count > 0 ORDER BY name COLLATE "C" """, club, board);
            await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<SeriesInfo>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(new SeriesInfo(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
            return list;
        });
    }

    public Task<IReadOnlyList<LatestValue>> LatestAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return Read<IReadOnlyList<LatestValue>>(async connection =>
        {
            // last_t is kept by the writer, so this is one primary-key lookup per series.
            await using var c = Command(connection, """
                SELECT s.name, x.t, x.v FROM telemetry_series s JOIN telemetry_samples x ON x.series_id = s.id AND x.t = s.last_t
                WHERE s.club = $1 AND s.board = $2 ORDER BY s.name COLLATE "C"
                """, club, board);
            await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<LatestValue>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(new LatestValue(r.GetString(0), r.GetInt64(1), r.GetDouble(2)));
            return list;
        });
    }

    public Task<RangeResult> QueryRangeAsync(SeriesKey series, TimeRange range, int maxPoints, CancellationToken cancellationToken = default)
    {
        series.Check();
        if (maxPoints < 1 || maxPoints > ITelemetryStore.MaxPoints)
            throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, $"Ask for 1 to {ITelemetryStore.MaxPoints} points or buckets.");
        return Read(async connection =>
        {
            var empty = new RangeResult(range, [], [], 0);
            long id;
            await using (var find = Command(connection, "SELECT id FROM telemetry_series WHERE club = $1 AND board = $2 AND name = $3", series.Club, series.Board, series.Series))
            {
                if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long found || range.LengthMs == 0) return empty;
                id = found;
            }

            // Raw points when there are few: one more than asked for tells there are too many, without counting them all.
            // That is only cheap as a walk along the primary key that stops after maxPoints + 1 rows. Before
            // autovacuum has analysed new samples, the planner guesses a few rows and reads the whole range
            // (a bitmap scan and a sort: half a second for a million points), so it is told not to.
            await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            var batch = new NpgsqlBatch(connection, tx)
            {
                BatchCommands =
                {
                    new("SET LOCAL enable_bitmapscan = off"),
                    new("SET LOCAL enable_sort = off"),
                    new("SELECT t, v FROM telemetry_samples WHERE series_id = $1 AND t >= $2 AND t < $3 ORDER BY t LIMIT $4"),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                var p = batch.BatchCommands[2].Parameters;
                p.Add(new NpgsqlParameter<long> { TypedValue = id });
                p.Add(new NpgsqlParameter<long> { TypedValue = range.FromMs });
                p.Add(new NpgsqlParameter<long> { TypedValue = range.ToMs });
                p.Add(new NpgsqlParameter<long> { TypedValue = maxPoints + 1 });
                var points = new List<DataPoint>();
                await using (var r = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (r.FieldCount != 2) // past the SETs
                        if (!await r.NextResultAsync(cancellationToken).ConfigureAwait(false)) break;
                    while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) points.Add(new DataPoint(r.GetInt64(0), r.GetDouble(1)));
                }
                if (points.Count <= maxPoints) return new RangeResult(range, points, [], 0);
            }
            var (buckets, width) = await PostgresBuckets.QueryAsync(connection, id, range, maxPoints, cancellationToken).ConfigureAwait(false);
            return new RangeResult(range, [], buckets, width);
        });
    }

    public Task<long> ExportCsvAsync(CsvExportRequest request, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        request.Check();
        ObjectDisposedException.ThrowIf(_disposed, this);
        return PostgresCsvExport.WriteAsync(_source, _where, request, output, cancellationToken);
    }

    public Task<ClubSettings> GetClubSettingsAsync(string club, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        return Read(async connection =>
        {
            await using var c = Command(connection, "SELECT retention_days, sample_interval_ms FROM telemetry_club_settings WHERE club = $1", club);
            await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return ClubSettings.Default;
            return new ClubSettings(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1));
        });
    }

    public async Task SetClubSettingsAsync(string club, ClubSettings settings, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check();
        await RunOnWriterAsync(w => w.InTransactionAsync(async (connection, tx) =>
        {
            await using var c = new NpgsqlCommand("""
                INSERT INTO telemetry_club_settings (club, retention_days, sample_interval_ms) VALUES ($1, $2, $3)
                ON CONFLICT (club) DO UPDATE SET retention_days = excluded.retention_days, sample_interval_ms = excluded.sample_interval_ms
                """, connection, tx);
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = club });
            c.Parameters.Add(new NpgsqlParameter { Value = (object?)settings.RetentionDays ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            c.Parameters.Add(new NpgsqlParameter { Value = (object?)settings.SampleIntervalMs ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            return await c.ExecuteNonQueryAsync().ConfigureAwait(false);
        }), cancellationToken).ConfigureAwait(false);
    }

    public Task<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        long now = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return RunOnWriterAsync(async w =>
        {
            var work = new List<(long Id, long Cutoff)>();
            await using (var connection = await w.OpenAsync().ConfigureAwait(false))
            await using (var c = new NpgsqlCommand("SELECT s.id, k.retention_days FROM telemetry_series s JOIN telemetry_club_settings k ON k.club = s.club WHERE k.retention_days IS NOT NULL AND s.count > 0 ORDER BY s.id", connection))
            await using (var r = await c.ExecuteReaderAsync().ConfigureAwait(false))
                while (await r.ReadAsync().ConfigureAwait(false)) work.Add((r.GetInt64(0), now - r.GetInt32(1) * 86_400_000L));
            long deleted = 0;
            // One transaction per series keeps each pause of ingestion short.
            foreach (var (id, cutoff) in work)
                deleted += await w.InTransactionAsync((connection, tx) => DeleteOlderAsync(connection, tx, id, cutoff)).ConfigureAwait(false);
            // Batch fingerprints older than the repeat window, counted back from the newest one (hub downtime does not count).
            await w.InTransactionAsync(async (connection, tx) =>
            {
                await using var forget = new NpgsqlCommand("DELETE FROM telemetry_batches WHERE stored_ms < (SELECT max(stored_ms) FROM telemetry_batches) - $1", connection, tx);
                forget.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)_options.RepeatWindow.TotalMilliseconds });
                return await forget.ExecuteNonQueryAsync().ConfigureAwait(false);
            }).ConfigureAwait(false);
            return deleted;
        }, cancellationToken);
    }

    static async Task<long> DeleteOlderAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long seriesId, long cutoff)
    {
        // The series row first: it is the lock another hub's writer takes when it adds to this series.
        await using (var lockSeries = new NpgsqlCommand("SELECT 1 FROM telemetry_series WHERE id = $1 FOR UPDATE", connection, tx))
        {
            lockSeries.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
            if (await lockSeries.ExecuteScalarAsync().ConfigureAwait(false) is null) return 0;
        }
        int n;
        await using (var delete = new NpgsqlCommand("DELETE FROM telemetry_samples WHERE series_id = $1 AND t < $2", connection, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cutoff });
            n = await delete.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        if (n > 0)
        {
            // Summaries of blocks before the cutoff go; the block holding the cutoff is summarised again from what is left.
            var batch = new NpgsqlBatch(connection, tx)
            {
                BatchCommands =
                {
                    new("DELETE FROM telemetry_rollups WHERE series_id = $1 AND b <= $2 / width_ms"),
                    new("""
                        INSERT INTO telemetry_rollups AS r
                            SELECT $1, w, $2 / w, min(v), max(v), sum(v), count(*)
                            FROM unnest($3::bigint[]) AS w JOIN telemetry_samples ON series_id = $1 AND t >= $2 / w * w AND t < ($2 / w + 1) * w
                            GROUP BY w
                        ON CONFLICT (series_id, width_ms, b) DO UPDATE SET mn = excluded.mn, mx = excluded.mx, total = excluded.total, n = excluded.n
                        """),
                    new("""
                        UPDATE telemetry_series SET count = count - $3,
                            first_t = (SELECT min(t) FROM telemetry_samples WHERE series_id = $1),
                            last_t = (SELECT max(t) FROM telemetry_samples WHERE series_id = $1)
                        WHERE id = $1
                        """),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                foreach (var c in batch.BatchCommands)
                {
                    c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = seriesId });
                    c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cutoff });
                }
                batch.BatchCommands[1].Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = RollupLevels.WidthsMs });
                batch.BatchCommands[2].Parameters.Add(new NpgsqlParameter<long> { TypedValue = n });
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        return n;
    }

    public Task<long> DeleteBoardAsync(string club, string board, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        return RunOnWriterAsync(w => w.InTransactionAsync(async (connection, tx) =>
        {
            // Series rows first: a writer of another hub adding to them has them locked until it
            // commits, so its samples are visible to the deletes below (or it finds the rows gone
            // and takes its samples back itself, see PostgresWriter).
            await using var c = new NpgsqlCommand("""
                WITH gone AS (DELETE FROM telemetry_series WHERE club = $1 AND board = $2 RETURNING id)
                SELECT coalesce(array_agg(id), '{}') FROM gone
                """, connection, tx);
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = club });
            c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = board });
            var ids = (long[])(await c.ExecuteScalarAsync().ConfigureAwait(false))!;
            if (ids.Length == 0) return 0;
            await using var rollups = new NpgsqlCommand("DELETE FROM telemetry_rollups WHERE series_id = ANY($1)", connection, tx);
            rollups.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
            await rollups.ExecuteNonQueryAsync().ConfigureAwait(false);
            await using var samples = new NpgsqlCommand("DELETE FROM telemetry_samples WHERE series_id = ANY($1)", connection, tx);
            samples.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
            return await samples.ExecuteNonQueryAsync().ConfigureAwait(false);
        }), cancellationToken);
    }

    static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params string[] values)
    {
        var c = new NpgsqlCommand(sql, connection);
        foreach (var v in values) c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = v });
        return c;
    }

    async Task<T> Read<T>(Func<NpgsqlConnection, Task<T>> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
            return await query(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw PostgresSchema.Explain(e, _where);
        }
    }

    /// <summary>Stops taking samples, writes everything queued, and closes the connections.</summary>
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
            await _source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
