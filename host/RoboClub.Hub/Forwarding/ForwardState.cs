using Microsoft.Data.Sqlite;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// The club hub's forwarding progress, durable in <c>{data}/forwarding.db</c>: a stream id, the next
/// batch number, a cursor per series (the time of the newest sample the regional hub confirmed) and
/// at most one <em>pending</em> batch — saved before it is sent, so after a crash exactly the same
/// batch (same name, same samples) is sent again. Confirming a batch moves its cursors and removes
/// it in one transaction.
/// </summary>
public sealed class ForwardState
{
    readonly string _connectionString;

    public ForwardState(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        Run(c, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS stream (id INTEGER PRIMARY KEY CHECK (id = 1), stream TEXT NOT NULL, destination TEXT NOT NULL, next_sequence INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS cursors (board TEXT NOT NULL, series TEXT NOT NULL, last_t INTEGER NOT NULL, PRIMARY KEY (board, series)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pending (sequence INTEGER PRIMARY KEY, body BLOB NOT NULL);
            """);
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    static void Run(SqliteConnection c, SqliteTransaction? tx, string sql, params (string, object)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The stream for <paramref name="destination"/> (club + regional address). A new destination
    /// starts a new stream from the beginning: the new regional hub gets the whole history.
    /// </summary>
    public (string Stream, long NextSequence) Start(string destination)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        using (var q = c.CreateCommand())
        {
            q.Transaction = tx;
            q.CommandText = "SELECT stream, next_sequence FROM stream WHERE id = 1 AND destination = $d";
            q.Parameters.AddWithValue("$d", destination);
            using var r = q.ExecuteReader();
            if (r.Read()) return (r.GetString(0), r.GetInt64(1));
        }
        string stream = Guid.NewGuid().ToString("D");
        Run(c, tx, "DELETE FROM cursors; DELETE FROM pending; DELETE FROM stream;");
        Run(c, tx, "INSERT INTO stream (id, stream, destination, next_sequence) VALUES (1, $s, $d, 1)", ("$s", stream), ("$d", destination));
        tx.Commit();
        return (stream, 1);
    }

    public Dictionary<(string Board, string Series), long> Cursors()
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT board, series, last_t FROM cursors";
        using var r = q.ExecuteReader();
        var map = new Dictionary<(string, string), long>();
        while (r.Read()) map[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        return map;
    }

    /// <summary>The batch saved but not yet confirmed, if any.</summary>
    public (long Sequence, byte[] Body)? Pending()
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT sequence, body FROM pending ORDER BY sequence LIMIT 1";
        using var r = q.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), (byte[])r.GetValue(1)) : null;
    }

    /// <summary>Saves the next batch before it is sent, and takes its number.</summary>
    public void SavePending(long sequence, byte[] body)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        Run(c, tx, "INSERT INTO pending (sequence, body) VALUES ($q, $b)", ("$q", sequence), ("$b", body));
        Run(c, tx, "UPDATE stream SET next_sequence = $n", ("$n", sequence + 1));
        tx.Commit();
    }

    /// <summary>The regional hub has the batch: its series' cursors move to its newest samples, and it is no longer pending.</summary>
    public void Confirm(ForwardBatch batch)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        foreach (var s in batch.Series)
        {
            if (s.Points.Count == 0) continue;
            Run(c, tx, "INSERT INTO cursors (board, series, last_t) VALUES ($b, $s, $t) ON CONFLICT (board, series) DO UPDATE SET last_t = max(last_t, excluded.last_t)",
                ("$b", s.Board), ("$s", s.Name), ("$t", s.Points.Max(p => p.TimeMs)));
        }
        Run(c, tx, "DELETE FROM pending WHERE sequence = $q", ("$q", batch.Sequence));
        tx.Commit();
    }
}
