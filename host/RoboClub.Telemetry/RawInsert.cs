using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RoboClub.Telemetry;

/// <summary>
/// The one statement on the ingest hot path, prepared once and stepped through SQLite's C API
/// directly. Through SqliteCommand each execution also builds a data reader and looks parameters up
/// by name, which costs more than SQLite's own insert; here a sample is three binds, a step and a reset.
/// Runs inside the writer connection's current transaction like any other statement.
/// </summary>
sealed class RawInsert : IDisposable
{
    readonly SqliteConnection _connection;
    readonly sqlite3_stmt _statement;

    public RawInsert(SqliteConnection connection)
    {
        _connection = connection;
        // OR IGNORE: a sample repeating a series and millisecond is dropped. That is how a QoS 1
        // redelivery of a batch (protocol.md) is filtered out by the primary key.
        Check(raw.sqlite3_prepare_v2(connection.Handle, "INSERT OR IGNORE INTO samples (series_id, t, v) VALUES (?1, ?2, ?3)", out _statement));
    }

    /// <summary>Inserts one sample; false when the series already had a sample at that millisecond.</summary>
    public bool Insert(long seriesId, long timeMs, double value)
    {
        raw.sqlite3_bind_int64(_statement, 1, seriesId);
        raw.sqlite3_bind_int64(_statement, 2, timeMs);
        raw.sqlite3_bind_double(_statement, 3, value);
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) Check(rc);
        return raw.sqlite3_changes(_connection.Handle) == 1;
    }

    void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
            throw new SqliteException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string(), rc);
    }

    public void Dispose() => _statement.Dispose();
}
