using System.Runtime.InteropServices;
using System.Threading.Channels;
using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// Takes batches off the queue on a background task and writes them to PostgreSQL, up to
/// <see cref="TelemetryStoreOptions.MaxSamplesPerTransaction"/> samples per transaction (sooner when
/// the queue runs dry). Samples are held in memory until the commit, then written as arrays in a
/// few statements (a multi-row insert from <c>unnest</c>, see the README for why not COPY), so a
/// transaction another hub's writer deadlocked with is simply written again.
///
/// Safe beside other hubs on the same database: series rows are created with ON CONFLICT DO NOTHING
/// in a short transaction of their own and looked up again at every commit (no id cache to go stale),
/// summaries are upserted, and rows are touched in sorted order. If another hub deleted a series
/// while this one was writing to it, the commit notices (its series row is gone) and removes the
/// samples it wrote for it.
/// </summary>
sealed class PostgresWriter
{
    const int Attempts = 3;

    readonly NpgsqlDataSource _source;
    readonly string _where;
    readonly int _maxPerTransaction;
    readonly Action<int> _onDequeued, _onWritten;
    readonly Action<int, Exception> _onFailed;
    readonly List<SampleBatch> _pending = [];
    int _pendingSamples;

    /// <summary>Tests only: runs between looking series ids up and writing the samples (where another hub may delete them).</summary>
    internal Func<Task>? AfterSeriesLookup { get; set; }

    public PostgresWriter(NpgsqlDataSource source, string where, int maxPerTransaction, Action<int> onDequeued, Action<int> onWritten, Action<int, Exception> onFailed)
    {
        _source = source;
        _where = where;
        _maxPerTransaction = maxPerTransaction;
        _onDequeued = onDequeued;
        _onWritten = onWritten;
        _onFailed = onFailed;
    }

    /// <summary>Runs until the queue is completed and empty; then commits what is left.</summary>
    public async Task RunAsync(ChannelReader<WriteQueueItem> queue)
    {
        while (await queue.WaitToReadAsync().ConfigureAwait(false))
        {
            while (queue.TryRead(out var item))
            {
                if (item is SampleBatch batch)
                {
                    _onDequeued(batch.Samples.Length);
                    _pending.Add(batch);
                    _pendingSamples += batch.Samples.Length;
                    if (_pendingSamples >= _maxPerTransaction) await CommitAsync().ConfigureAwait(false);
                }
                else if (item is PostgresWriterCommand command)
                {
                    await CommitAsync().ConfigureAwait(false); // everything queued before the command is in the database first
                    try { command.Done.TrySetResult(await command.Action(this).ConfigureAwait(false)); }
                    catch (Exception e) { command.Done.TrySetException(PostgresSchema.Explain(e, _where)); }
                }
            }
            await CommitAsync().ConfigureAwait(false); // the queue ran dry: make what we have durable and visible
        }
        await CommitAsync().ConfigureAwait(false);
    }

    async Task CommitAsync()
    {
        if (_pending.Count == 0) return;
        int count = _pendingSamples;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await WriteAsync().ConfigureAwait(false);
                    _onWritten(count);
                    foreach (var b in _pending) b.Committed?.TrySetResult(!b.IsRepeat);
                    return;
                }
                catch (Exception e) when (attempt < Attempts && PostgresSchema.IsTransient(e))
                {
                    // Another hub wrote the same rows in another order; its transaction went through, ours is retried.
                }
            }
        }
        catch (Exception e)
        {
            // The database refused (unreachable, disk full, ...): these samples are lost and counted,
            // the database stays as it was, and the writer goes on with the next batch (it must never stop).
            // Callers waiting for the commit (AppendAsync) learn it did not happen: they do not acknowledge.
            var reason = PostgresSchema.Explain(e, _where);
            var failure = reason as TelemetryStoreException ?? new TelemetryStoreException($"The PostgreSQL database {_where} did not store the samples: {reason.Message}", reason);
            foreach (var b in _pending) b.Committed?.TrySetException(failure);
            _onFailed(count, reason);
        }
        finally
        {
            _pending.Clear();
            _pendingSamples = 0;
        }
    }

    async Task WriteAsync()
    {
        var ids = await SeriesIdsAsync().ConfigureAwait(false);
        if (AfterSeriesLookup is { } hook) await hook().ConfigureAwait(false);

        await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await MarkRepeatsAsync(connection, tx).ConfigureAwait(false);

        // Sorted by series and time (stable, so of two samples at one millisecond the first sent is
        // kept), duplicates dropped: every writer takes row locks in the same order.
        var rows = new List<(long Id, long T, double V)>(_pendingSamples);
        foreach (var batch in _pending)
        {
            if (batch.IsRepeat) continue;
            foreach (var s in batch.Samples)
                rows.Add((ids[(batch.Club, batch.Board, s.Series)], s.TimeMs, s.Value));
        }
        var sorted = rows.Select((r, i) => (r, i)).OrderBy(x => x.r.Id).ThenBy(x => x.r.T).ThenBy(x => x.i).Select(x => x.r).ToList();
        int n = 0;
        var seriesIds = new long[sorted.Count];
        var times = new long[sorted.Count];
        var values = new double[sorted.Count];
        foreach (var r in sorted)
        {
            if (n > 0 && seriesIds[n - 1] == r.Id && times[n - 1] == r.T) continue;
            (seriesIds[n], times[n], values[n]) = r;
            n++;
        }
        Array.Resize(ref seriesIds, n);
        Array.Resize(ref times, n);
        Array.Resize(ref values, n);

        // Only the rows really inserted (not repeats of a stored series and millisecond) count and are summarised.
        var changed = new Dictionary<long, (long Added, long First, long Last)>();
        var seconds = new Dictionary<(long Id, long Block), RollupLevels.Summary>();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO telemetry_samples (series_id, t, v)
            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::double precision[])
            ON CONFLICT DO NOTHING RETURNING series_id, t, v
            """, connection, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seriesIds });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = times });
            insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = values });
            await using var r = await insert.ExecuteReaderAsync().ConfigureAwait(false);
            while (await r.ReadAsync().ConfigureAwait(false))
            {
                long id = r.GetInt64(0), t = r.GetInt64(1);
                double v = r.GetDouble(2);
                changed[id] = changed.TryGetValue(id, out var c) ? (c.Added + 1, Math.Min(c.First, t), Math.Max(c.Last, t)) : (1, t, t);
                ref var summary = ref CollectionsMarshal.GetValueRefOrAddDefault(seconds, (id, t / RollupLevels.WidthsMs[0]), out bool existed);
                if (existed) summary.Add(v);
                else summary = RollupLevels.Summary.Of(v);
            }
        }
        if (changed.Count == 0)
        {
            await tx.CommitAsync().ConfigureAwait(false);
            return;
        }

        var statIds = changed.Keys.Order().ToArray();
        var kept = new HashSet<long>();
        await using (var stats = new NpgsqlCommand("""
            UPDATE telemetry_series s SET count = s.count + x.added, first_t = least(s.first_t, x.first), last_t = greatest(s.last_t, x.last)
            FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS x(id, added, first, last)
            WHERE s.id = x.id RETURNING s.id
            """, connection, tx))
        {
            stats.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = statIds });
            stats.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = statIds.Select(id => changed[id].Added).ToArray() });
            stats.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = statIds.Select(id => changed[id].First).ToArray() });
            stats.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = statIds.Select(id => changed[id].Last).ToArray() });
            await using var r = await stats.ExecuteReaderAsync().ConfigureAwait(false);
            while (await r.ReadAsync().ConfigureAwait(false)) kept.Add(r.GetInt64(0));
        }

        await UpsertRollupsAsync(connection, tx, seconds).ConfigureAwait(false);

        // Series another hub deleted since we looked their ids up: take back what we wrote for them.
        var vanished = statIds.Where(id => !kept.Contains(id)).ToArray();
        if (vanished.Length > 0)
        {
            await using var cleanUp = new NpgsqlCommand("""
                WITH rollups AS (DELETE FROM telemetry_rollups WHERE series_id = ANY($1))
                DELETE FROM telemetry_samples WHERE series_id = ANY($1)
                """, connection, tx);
            cleanUp.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = vanished });
            await cleanUp.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        await tx.CommitAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Records the fingerprints of the pending batches in the transaction and marks as repeats the
    /// batches whose fingerprint is already stored (by an earlier transaction, another hub, or an
    /// earlier batch of this one): their samples are not written again.
    /// </summary>
    async Task MarkRepeatsAsync(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var first = new Dictionary<(string Club, string Board, long Fingerprint), SampleBatch>();
        foreach (var b in _pending)
        {
            b.IsRepeat = false; // a retried transaction decides again
            if (b.Fingerprint is not { } f) continue;
            if (!first.TryAdd((b.Club, b.Board, f), b)) b.IsRepeat = true;
        }
        if (first.Count == 0) return;
        var keys = first.Keys.OrderBy(k => k.Club, StringComparer.Ordinal).ThenBy(k => k.Board, StringComparer.Ordinal).ThenBy(k => k.Fingerprint).ToArray();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO telemetry_batches (club, board, fingerprint, stored_ms)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[])
            ON CONFLICT DO NOTHING RETURNING club, board, fingerprint
            """, connection, tx);
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Club).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Board).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = keys.Select(k => k.Fingerprint).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = keys.Select(k => first[k].ReceivedMs).ToArray() });
        var added = new HashSet<(string, string, long)>();
        await using (var r = await insert.ExecuteReaderAsync().ConfigureAwait(false))
            while (await r.ReadAsync().ConfigureAwait(false)) added.Add((r.GetString(0), r.GetString(1), r.GetInt64(2)));
        foreach (var (key, batch) in first)
            if (!added.Contains(key)) batch.IsRepeat = true;
    }

    /// <summary>
    /// The ids of every series in the pending batches, creating the missing ones. Runs in its own
    /// short transaction, committed at once, so another hub creating the same series waits at most
    /// for that, never for a whole batch of samples.
    /// </summary>
    async Task<Dictionary<(string Club, string Board, string Name), long>> SeriesIdsAsync()
    {
        var names = new SortedSet<(string Club, string Board, string Name)>();
        foreach (var batch in _pending)
            foreach (var s in batch.Samples)
                names.Add((batch.Club, batch.Board, s.Series));
        var clubs = names.Select(k => k.Club).ToArray();
        var boards = names.Select(k => k.Board).ToArray();
        var series = names.Select(k => k.Name).ToArray();

        await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
        var batchCommand = new NpgsqlBatch(connection);
        await using (batchCommand.ConfigureAwait(false))
        {
            var add = new NpgsqlBatchCommand("""
                INSERT INTO telemetry_series (club, board, name)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, b, n) ORDER BY c COLLATE "C", b COLLATE "C", n COLLATE "C"
                ON CONFLICT DO NOTHING
                """);
            var find = new NpgsqlBatchCommand("""
                SELECT s.club, s.board, s.name, s.id FROM telemetry_series s
                JOIN unnest($1::text[], $2::text[], $3::text[]) AS x(c, b, n) ON s.club = x.c AND s.board = x.b AND s.name = x.n
                """);
            foreach (var c in new[] { add, find })
            {
                c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = clubs });
                c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = boards });
                c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = series });
                batchCommand.BatchCommands.Add(c);
            }
            // Another hub may delete a board between our insert and our lookup: then insert again.
            for (int attempt = 1; ; attempt++)
            {
                var ids = new Dictionary<(string, string, string), long>(names.Count);
                await using (var r = await batchCommand.ExecuteReaderAsync().ConfigureAwait(false))
                    while (await r.ReadAsync().ConfigureAwait(false)) ids[(r.GetString(0), r.GetString(1), r.GetString(2))] = r.GetInt64(3);
                if (ids.Count == names.Count) return ids;
                if (attempt == Attempts) throw new InvalidOperationException($"{names.Count - ids.Count} series were deleted by another hub while being created {Attempts} times.");
            }
        }
    }

    /// <summary>Adds this transaction's samples to the summaries of every level (RollupLevels), in key order.</summary>
    static async Task UpsertRollupsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Dictionary<(long Id, long Block), RollupLevels.Summary> seconds)
    {
        var rows = new List<(long Id, long Width, long Block, RollupLevels.Summary S)>();
        var level = seconds;
        for (int i = 0; i < RollupLevels.WidthsMs.Length; i++)
        {
            foreach (var ((id, block), summary) in level) rows.Add((id, RollupLevels.WidthsMs[i], block, summary));
            if (i + 1 == RollupLevels.WidthsMs.Length) break;
            long factor = RollupLevels.WidthsMs[i + 1] / RollupLevels.WidthsMs[i];
            var coarser = new Dictionary<(long, long), RollupLevels.Summary>();
            foreach (var ((id, block), summary) in level)
            {
                ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(coarser, (id, block / factor), out bool existed);
                if (existed) c.Add(summary);
                else c = summary;
            }
            level = coarser;
        }
        rows.Sort((a, b) => a.Id != b.Id ? a.Id.CompareTo(b.Id) : a.Width != b.Width ? a.Width.CompareTo(b.Width) : a.Block.CompareTo(b.Block));

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO telemetry_rollups AS r (series_id, width_ms, b, mn, mx, total, n)
            SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::double precision[], $5::double precision[], $6::double precision[], $7::bigint[])
            ON CONFLICT (series_id, width_ms, b) DO UPDATE SET
                mn = least(r.mn, excluded.mn), mx = greatest(r.mx, excluded.mx), total = r.total + excluded.total, n = r.n + excluded.n
            """, connection, tx);
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.Id).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.Width).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.Block).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(r => r.S.Min).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(r => r.S.Max).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = rows.Select(r => r.S.Total).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.S.Count).ToArray() });
        await upsert.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of its own (for commands), again if another hub deadlocked it.</summary>
    public async Task<long> InTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task<long>> work)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync().ConfigureAwait(false);
                await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
                long result = await work(connection, tx).ConfigureAwait(false);
                await tx.CommitAsync().ConfigureAwait(false);
                return result;
            }
            catch (Exception e) when (attempt < Attempts && PostgresSchema.IsTransient(e)) { }
        }
    }

    /// <summary>A pooled connection for a command's reads outside a transaction.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync() => _source.OpenConnectionAsync();
}
