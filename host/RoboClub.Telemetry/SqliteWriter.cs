using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// The only connection that writes. It reads the queue on a background task and stores samples
/// in batched transactions (one commit per up to <see cref="TelemetryStoreOptions.MaxSamplesPerTransaction"/>
/// samples, or sooner when the queue runs dry), with statements prepared once.
/// </summary>
sealed class SqliteWriter : IDisposable
{
    readonly SqliteConnection _connection;
    readonly string _path;
    readonly int _maxPerTransaction;
    readonly Action<int> _onDequeued, _onWritten;
    readonly Action<int, Exception> _onFailed;

    // Series ids by (club, board, name). Only this writer creates or deletes series, so it stays true.
    readonly Dictionary<(string Club, string Board, string Name), long> _seriesIds = new();
    // Per series: samples added, earliest and latest time, in the open transaction.
    readonly Dictionary<long, (long Added, long First, long Last)> _changed = new();
    // Per series and second: summary of the samples added in the open transaction (coarser levels are derived at commit).
    readonly Dictionary<(long Id, long Block), RollupLevels.Summary> _seconds = new();

    readonly RawInsert _insert;
    readonly SqliteCommand _findSeries, _addSeries, _updateStats, _upsertRollup, _rememberBatch;
    // Batches of the open transaction whose caller waits for the commit (AppendAsync).
    readonly List<SampleBatch> _awaiting = [];
    SqliteTransaction? _tx;
    int _inTransaction;

    public SqliteWriter(SqliteConnection connection, string path, int maxPerTransaction, Action<int> onDequeued, Action<int> onWritten, Action<int, Exception> onFailed)
    {
        _connection = connection;
        _path = path;
        _maxPerTransaction = maxPerTransaction;
        _onDequeued = onDequeued;
        _onWritten = onWritten;
        _onFailed = onFailed;

        _insert = new RawInsert(connection);
        _findSeries = Command("SELECT id FROM series WHERE club = $c AND board = $b AND name = $n");
        _addSeries = Command("INSERT INTO series (club, board, name) VALUES ($c, $b, $n) RETURNING id");
        foreach (var c in new[] { _findSeries, _addSeries })
        {
            c.Parameters.Add("$c", SqliteType.Text);
            c.Parameters.Add("$b", SqliteType.Text);
            c.Parameters.Add("$n", SqliteType.Text);
        }
        _updateStats = Command("""
            UPDATE series SET count = count + $added,
                              first_t = min(coalesce(first_t, $first), $first),
                              last_t = max(coalesce(last_t, $last), $last)
            WHERE id = $id
            """);
        _updateStats.Parameters.Add("$added", SqliteType.Integer);
        _updateStats.Parameters.Add("$first", SqliteType.Integer);
        _updateStats.Parameters.Add("$last", SqliteType.Integer);
        _updateStats.Parameters.Add("$id", SqliteType.Integer);
        _upsertRollup = Command("""
            INSERT INTO rollups (series_id, width_ms, b, mn, mx, total, n) VALUES ($id, $w, $b, $mn, $mx, $total, $n)
            ON CONFLICT (series_id, width_ms, b) DO UPDATE SET
                mn = min(mn, excluded.mn), mx = max(mx, excluded.mx), total = total + excluded.total, n = n + excluded.n
            """);
        foreach (var name in new[] { "$id", "$w", "$b", "$n" }) _upsertRollup.Parameters.Add(name, SqliteType.Integer);
        foreach (var name in new[] { "$mn", "$mx", "$total" }) _upsertRollup.Parameters.Add(name, SqliteType.Real);
        _rememberBatch = Command("INSERT INTO batches (club, board, fingerprint, stored_ms) VALUES ($c, $b, $f, $t) ON CONFLICT DO NOTHING");
        _rememberBatch.Parameters.Add("$c", SqliteType.Text);
        _rememberBatch.Parameters.Add("$b", SqliteType.Text);
        _rememberBatch.Parameters.Add("$f", SqliteType.Integer);
        _rememberBatch.Parameters.Add("$t", SqliteType.Integer);
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
                    Store(batch);
                    if (_inTransaction >= _maxPerTransaction) Commit();
                }
                else if (item is WriterCommand command)
                {
                    Commit(); // everything queued before the command is in the database first
                    try { command.Done.TrySetResult(command.Action(this)); }
                    catch (SqliteException e) { command.Done.TrySetException(SqliteSchema.Explain(e, _path)); }
                    catch (Exception e) { command.Done.TrySetException(e); }
                }
            }
            Commit(); // the queue ran dry: make what we have durable and visible to readers
        }
        Commit();
    }

    void Store(SampleBatch batch)
    {
        try
        {
            _tx ??= _connection.BeginTransaction();
            if (batch.Committed is not null) _awaiting.Add(batch);
            if (batch.Fingerprint is { } fingerprint && !RememberBatch(batch, fingerprint))
            {
                batch.IsRepeat = true; // stored before (maybe earlier in this very transaction): acknowledged, not written again
                return;
            }
            foreach (var s in batch.Samples)
            {
                long id = SeriesId(batch.Club, batch.Board, s.Series);
                if (_insert.Insert(id, s.TimeMs, s.Value))
                {
                    _changed[id] = _changed.TryGetValue(id, out var c)
                        ? (c.Added + 1, Math.Min(c.First, s.TimeMs), Math.Max(c.Last, s.TimeMs))
                        : (1, s.TimeMs, s.TimeMs);
                    var second = (id, s.TimeMs / RollupLevels.WidthsMs[0]);
                    ref var summary = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_seconds, second, out bool existed);
                    if (existed) summary.Add(s.Value);
                    else summary = RollupLevels.Summary.Of(s.Value);
                }
            }
            _inTransaction += batch.Samples.Length;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // Losing this transaction's samples is bad, but the database stays as it was before it,
            // and the writer goes on with the next batch (a full disk may have room again).
            int lost = _inTransaction + batch.Samples.Length;
            if (batch.Committed is not null && !_awaiting.Contains(batch)) _awaiting.Add(batch);
            var reason = Explain(e);
            Rollback(reason);
            _onFailed(lost, reason);
        }
    }

    /// <summary>Records the batch's fingerprint; false when it is already stored (a repeat).</summary>
    bool RememberBatch(SampleBatch batch, long fingerprint)
    {
        _rememberBatch.Transaction = _tx;
        var p = _rememberBatch.Parameters;
        p["$c"].Value = batch.Club;
        p["$b"].Value = batch.Board;
        p["$f"].Value = fingerprint;
        p["$t"].Value = batch.ReceivedMs;
        return _rememberBatch.ExecuteNonQuery() == 1;
    }

    // The last series looked up: a batch is one board's, and its samples mostly repeat a few series.
    (string Club, string Board, string Name, long Id) _last = ("", "", "", 0);

    long SeriesId(string club, string board, string name)
    {
        if (name == _last.Name && board == _last.Board && club == _last.Club) return _last.Id;
        long id = LookUpSeries(club, board, name);
        _last = (club, board, name, id);
        return id;
    }

    long LookUpSeries(string club, string board, string name)
    {
        if (_seriesIds.TryGetValue((club, board, name), out long id)) return id;
        foreach (var c in new[] { _findSeries, _addSeries })
        {
            c.Transaction = _tx;
            c.Parameters["$c"].Value = club;
            c.Parameters["$b"].Value = board;
            c.Parameters["$n"].Value = name;
        }
        id = _findSeries.ExecuteScalar() is long found ? found : (long)_addSeries.ExecuteScalar()!;
        _seriesIds[(club, board, name)] = id;
        return id;
    }

    void Commit()
    {
        if (_tx is null) return;
        int count = _inTransaction;
        try
        {
            _updateStats.Transaction = _tx;
            foreach (var (id, c) in _changed)
            {
                _updateStats.Parameters["$added"].Value = c.Added;
                _updateStats.Parameters["$first"].Value = c.First;
                _updateStats.Parameters["$last"].Value = c.Last;
                _updateStats.Parameters["$id"].Value = id;
                _updateStats.ExecuteNonQuery();
            }
            WriteRollups();
            _tx.Commit();
            _tx.Dispose();
            _tx = null;
            _changed.Clear();
            _seconds.Clear();
            _inTransaction = 0;
            _onWritten(count);
            foreach (var b in _awaiting) b.Committed!.TrySetResult(!b.IsRepeat);
            _awaiting.Clear();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            var reason = Explain(e);
            Rollback(reason);
            _onFailed(count, reason);
        }
    }

    /// <summary>Adds this transaction's samples to the summaries of every level (RollupLevels).</summary>
    void WriteRollups()
    {
        _upsertRollup.Transaction = _tx;
        var level = _seconds;
        for (int i = 0; i < RollupLevels.WidthsMs.Length; i++)
        {
            foreach (var ((id, block), summary) in level) Upsert(id, RollupLevels.WidthsMs[i], block, summary);
            if (i + 1 == RollupLevels.WidthsMs.Length) break;
            long factor = RollupLevels.WidthsMs[i + 1] / RollupLevels.WidthsMs[i];
            var coarser = new Dictionary<(long, long), RollupLevels.Summary>();
            foreach (var ((id, block), summary) in level)
            {
                ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(coarser, (id, block / factor), out bool existed);
                if (existed) c.Add(summary);
                else c = summary;
            }
            level = coarser;
        }
    }

    void Upsert(long id, long width, long block, RollupLevels.Summary s)
    {
        var p = _upsertRollup.Parameters;
        p["$id"].Value = id;
        p["$w"].Value = width;
        p["$b"].Value = block;
        p["$mn"].Value = s.Min;
        p["$mx"].Value = s.Max;
        p["$total"].Value = s.Total;
        p["$n"].Value = s.Count;
        _upsertRollup.ExecuteNonQuery();
    }

    Exception Explain(Exception e) => e is SqliteException s ? SqliteSchema.Explain(s, _path) : e;

    /// <summary>Undoes the open transaction; callers waiting for it learn why (they must not acknowledge).</summary>
    void Rollback(Exception reason)
    {
        var failure = reason as TelemetryStoreException ?? new TelemetryStoreException($"The telemetry database {_path} did not store the samples: {reason.Message}", reason);
        foreach (var b in _awaiting) b.Committed!.TrySetException(failure);
        _awaiting.Clear();
        try { _tx?.Rollback(); }
        catch (SqliteException) { } // a failed commit may already have rolled back
        _tx?.Dispose();
        _tx = null;
        _changed.Clear();
        _seconds.Clear();
        _inTransaction = 0;
        // New series rows of the rolled-back transaction are gone too.
        _seriesIds.Clear();
        _last = ("", "", "", 0);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of its own (for commands).</summary>
    public long InTransaction(Func<SqliteTransaction, long> work)
    {
        using var tx = _connection.BeginTransaction();
        long result = work(tx);
        tx.Commit();
        return result;
    }

    /// <summary>Forgets cached ids of series a command deleted.</summary>
    public void ForgetBoard(string club, string board)
    {
        foreach (var key in _seriesIds.Keys.Where(k => k.Club == club && k.Board == board).ToList())
            _seriesIds.Remove(key);
        _last = ("", "", "", 0);
    }

    public SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var c = _connection.CreateCommand();
        c.CommandText = sql;
        c.Transaction = tx;
        return c;
    }

    public void Dispose()
    {
        _tx?.Dispose();
        _insert.Dispose();
        _findSeries.Dispose();
        _addSeries.Dispose();
        _updateStats.Dispose();
        _upsertRollup.Dispose();
        _rememberBatch.Dispose();
        _connection.Dispose();
    }
}
