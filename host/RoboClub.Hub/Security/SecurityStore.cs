using Microsoft.Data.Sqlite;

namespace RoboClub.Hub.Security;

/// <summary>
/// <c>{data}/security.db</c>: sign-in sessions (only a SHA-256 of each cookie's token, so a copied
/// file signs nobody in) and children's secret codes (salted hashes). Its own file, so the projects
/// database stays about projects.
/// </summary>
public sealed class SecurityStore
{
    readonly string _connectionString;
    readonly Lock _write = new();

    public SecurityStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS sessions (
                token_hash TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('librarian', 'child')),
                child_id INTEGER,
                expires_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS child_codes (
                child_id INTEGER PRIMARY KEY,
                hash TEXT NOT NULL);
            """);
    }

    public sealed record StoredSession(string TokenHash, string Kind, long? ChildId, long ExpiresAtMs);

    public IReadOnlyList<StoredSession> Sessions(long nowMs)
    {
        Execute("DELETE FROM sessions WHERE expires_at <= $now", ("$now", nowMs));
        return Query("SELECT token_hash, kind, child_id, expires_at FROM sessions", r =>
            new StoredSession(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetInt64(3)));
    }

    public void AddSession(StoredSession s) =>
        Execute("INSERT OR REPLACE INTO sessions (token_hash, kind, child_id, expires_at) VALUES ($t, $k, $c, $e)",
            ("$t", s.TokenHash), ("$k", s.Kind), ("$c", (object?)s.ChildId ?? DBNull.Value), ("$e", s.ExpiresAtMs));

    public void RemoveSession(string tokenHash) => Execute("DELETE FROM sessions WHERE token_hash = $t", ("$t", tokenHash));

    public void RemoveSessions(string kind, long? childId) =>
        Execute("DELETE FROM sessions WHERE kind = $k AND ($c IS NULL OR child_id = $c)", ("$k", kind), ("$c", (object?)childId ?? DBNull.Value));

    public string? ChildCode(long childId) =>
        Query("SELECT hash FROM child_codes WHERE child_id = $c", r => r.GetString(0), ("$c", childId)).FirstOrDefault();

    public void SetChildCode(long childId, string? hash)
    {
        if (hash is null) Execute("DELETE FROM child_codes WHERE child_id = $c", ("$c", childId));
        else Execute("INSERT OR REPLACE INTO child_codes (child_id, hash) VALUES ($c, $h)", ("$c", childId), ("$h", hash));
    }

    void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_write)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
            cmd.ExecuteNonQuery();
        }
    }

    List<T> Query<T>(string sql, Func<SqliteDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read()) list.Add(row(r));
        return list;
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }
}
