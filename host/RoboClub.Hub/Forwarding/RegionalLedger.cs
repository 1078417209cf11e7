using Microsoft.Data.Sqlite;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// The regional hub's record of applied batches, <c>{data}/regional.db</c>: per club and stream the
/// highest batch number whose samples are committed in the store, when, and how many samples came.
/// A batch at or below it is answered "already applied" without writing again. Written only after
/// the store has committed the batch; a crash in between means the batch is applied a second time,
/// which the store's key (series, time; first value wins) makes a no-op.
/// </summary>
public sealed class RegionalLedger
{
    readonly string _connectionString;

    public RegionalLedger(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS applied (club TEXT NOT NULL, stream TEXT NOT NULL, sequence INTEGER NOT NULL,
                batches INTEGER NOT NULL, samples INTEGER NOT NULL, at_ms INTEGER NOT NULL, PRIMARY KEY (club, stream)) WITHOUT ROWID;
            """;
        cmd.ExecuteNonQuery();
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    /// <summary>The highest applied batch of the club's stream; 0 for a new stream.</summary>
    public long LastApplied(string club, string stream)
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT sequence FROM applied WHERE club = $c AND stream = $s";
        q.Parameters.AddWithValue("$c", club);
        q.Parameters.AddWithValue("$s", stream);
        return q.ExecuteScalar() is long n ? n : 0;
    }

    public void Record(string club, string stream, long sequence, int samples, long nowMs)
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = """
            INSERT INTO applied (club, stream, sequence, batches, samples, at_ms) VALUES ($c, $s, $q, 1, $n, $t)
            ON CONFLICT (club, stream) DO UPDATE SET sequence = max(sequence, excluded.sequence),
                batches = batches + 1, samples = samples + excluded.samples, at_ms = excluded.at_ms
            """;
        q.Parameters.AddWithValue("$c", club);
        q.Parameters.AddWithValue("$s", stream);
        q.Parameters.AddWithValue("$q", sequence);
        q.Parameters.AddWithValue("$n", samples);
        q.Parameters.AddWithValue("$t", nowMs);
        q.ExecuteNonQuery();
    }

    /// <summary>Per club: batches and samples received (all streams) and the time of the last batch.</summary>
    public IReadOnlyList<(string Club, long Batches, long Samples, long LastMs)> Clubs()
    {
        using var c = Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT club, sum(batches), sum(samples), max(at_ms) FROM applied GROUP BY club ORDER BY club";
        using var r = q.ExecuteReader();
        var list = new List<(string, long, long, long)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        return list;
    }
}
