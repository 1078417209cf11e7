using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// The telemetry database's tables and how a file is checked and brought up to date when opened.
///
/// The file is marked with <c>PRAGMA application_id</c> ('RCTF') and its schema version is
/// <c>PRAGMA user_version</c>. Opening a file: a new empty file gets every migration; an older version
/// gets the missing ones, each in its own transaction; a newer version, a file of another program or a
/// damaged file is refused with a <see cref="TelemetryStoreException"/> before anything is written.
/// To change the schema: append a migration to <see cref="Migrations"/> (never edit a shipped one).
/// </summary>
static class SqliteSchema
{
    public const int ApplicationId = 0x52435446; // "RCTF": RoboClub telemetry file

    /// <summary>Migration i takes the file from version i to i + 1.</summary>
    static readonly string[] Migrations =
    [
        // 0 → 1: the first schema.
        // Series get small integer ids so each sample row is (id, t, v): ~20 bytes in a
        // WITHOUT ROWID table whose primary key is also the only index, ordered for range scans.
        // first_t/last_t/count are kept up to date by the writer so listing series is instant.
        """
        CREATE TABLE series (
            id      INTEGER PRIMARY KEY,
            club    TEXT NOT NULL,
            board   TEXT NOT NULL,
            name    TEXT NOT NULL,
            first_t INTEGER,
            last_t  INTEGER,
            count   INTEGER NOT NULL DEFAULT 0,
            UNIQUE (club, board, name)
        );
        CREATE TABLE samples (
            series_id INTEGER NOT NULL,
            t         INTEGER NOT NULL,
            v         REAL NOT NULL,
            PRIMARY KEY (series_id, t)
        ) WITHOUT ROWID;
        CREATE TABLE club_settings (
            club               TEXT PRIMARY KEY,
            retention_days     INTEGER,
            sample_interval_ms INTEGER
        ) WITHOUT ROWID;
        """,

        // 1 → 2: summaries of every 1 s, 5 s, 10 s, 30 s, 1 min, … 1 h, 6 h and day of each series (RollupLevels.WidthsMs),
        // so a chart of a million points reads thousands of summary rows, not a million samples.
        // Existing samples are summarised here; from then on the writer keeps them current.
        """
        CREATE TABLE rollups (
            series_id INTEGER NOT NULL,
            width_ms  INTEGER NOT NULL,
            b         INTEGER NOT NULL, -- the block [b * width_ms, (b + 1) * width_ms)
            mn        REAL NOT NULL,
            mx        REAL NOT NULL,
            total     REAL NOT NULL,
            n         INTEGER NOT NULL,
            PRIMARY KEY (series_id, width_ms, b)
        ) WITHOUT ROWID;
        INSERT INTO rollups SELECT series_id, 1000, t / 1000, min(v), max(v), sum(v), count(*) FROM samples GROUP BY series_id, t / 1000;
        INSERT INTO rollups SELECT series_id, 5000, b / 5, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 1000 GROUP BY series_id, b / 5;
        INSERT INTO rollups SELECT series_id, 10000, b / 2, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 5000 GROUP BY series_id, b / 2;
        INSERT INTO rollups SELECT series_id, 30000, b / 3, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 10000 GROUP BY series_id, b / 3;
        INSERT INTO rollups SELECT series_id, 60000, b / 2, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 30000 GROUP BY series_id, b / 2;
        INSERT INTO rollups SELECT series_id, 300000, b / 5, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 60000 GROUP BY series_id, b / 5;
        INSERT INTO rollups SELECT series_id, 600000, b / 2, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 300000 GROUP BY series_id, b / 2;
        INSERT INTO rollups SELECT series_id, 1800000, b / 3, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 600000 GROUP BY series_id, b / 3;
        INSERT INTO rollups SELECT series_id, 3600000, b / 2, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 1800000 GROUP BY series_id, b / 2;
        INSERT INTO rollups SELECT series_id, 21600000, b / 6, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 3600000 GROUP BY series_id, b / 6;
        INSERT INTO rollups SELECT series_id, 86400000, b / 4, min(mn), max(mx), sum(total), sum(n) FROM rollups WHERE width_ms = 21600000 GROUP BY series_id, b / 4;
        """,

        // 2 → 3: fingerprints of recently stored batches (BatchFingerprint), written in the same
        // transaction as their samples, so a redelivered MQTT message is recognised and stored once.
        // Pruned to TelemetryStoreOptions.RepeatWindow by retention.
        """
        CREATE TABLE batches (
            club        TEXT NOT NULL,
            board       TEXT NOT NULL,
            fingerprint INTEGER NOT NULL,
            stored_ms   INTEGER NOT NULL,
            PRIMARY KEY (club, board, fingerprint)
        ) WITHOUT ROWID;
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Checks the file behind <paramref name="connection"/>, migrates it, and switches it to WAL.</summary>
    public static void Prepare(SqliteConnection connection, string path) => Prepare(connection, path, CurrentVersion);

    /// <summary>Like <see cref="Prepare(SqliteConnection, string)"/> but stops at <paramref name="targetVersion"/> (tests make old files with it).</summary>
    internal static void Prepare(SqliteConnection connection, string path, int targetVersion)
    {
        try
        {
            // Read-only checks first: nothing may be written to a file we do not recognise.
            long appId = Scalar(connection, "PRAGMA application_id");
            long version = Scalar(connection, "PRAGMA user_version");
            long objects = Scalar(connection, "SELECT count(*) FROM sqlite_schema");
            if (appId != ApplicationId && (appId != 0 || objects > 0 || version != 0))
                throw new TelemetryStoreException($"The file {path} is an SQLite database of another program, not RoboClub telemetry. It was left untouched; choose another data folder.");
            if (version > CurrentVersion)
                throw new TelemetryStoreException($"The telemetry database {path} has schema version {version}, made by a newer RoboClub (this one knows up to {CurrentVersion}). It was left untouched; update RoboClub.");

            // WAL: readers never block the writer and the writer never blocks readers.
            string mode;
            using (var wal = Command(connection, "PRAGMA journal_mode=WAL")) mode = (string)wal.ExecuteScalar()!;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new TelemetryStoreException($"The telemetry database {path} could not be switched to WAL mode (it reports \"{mode}\").");

            for (long v = version; v < targetVersion; v++)
            {
                using var tx = connection.BeginTransaction();
                using var migrate = Command(connection, $"{Migrations[v]};\nPRAGMA application_id = {ApplicationId};\nPRAGMA user_version = {v + 1};", tx);
                migrate.ExecuteNonQuery();
                tx.Commit();
            }
        }
        catch (SqliteException e)
        {
            throw Explain(e, path);
        }
    }

    /// <summary>Turns SQLite's error codes into a message a librarian can act on.</summary>
    public static TelemetryStoreException Explain(SqliteException e, string path) => e.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT =>
            new TelemetryStoreException($"The telemetry database {path} is damaged or not a database ({e.Message}). It was left untouched: move it away (RoboClub then starts a new one) or restore a backup.", e),
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED =>
            new TelemetryStoreException($"The telemetry database {path} is locked by another program (is a second RoboClub hub running on the same data folder?). Close it and try again.", e),
        SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_PERM or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_IOERR =>
            new TelemetryStoreException($"The telemetry database {path} cannot be opened for writing ({e.Message}). Check the folder exists, the disk is not full and RoboClub may write there.", e),
        SQLitePCL.raw.SQLITE_FULL =>
            new TelemetryStoreException($"The disk holding the telemetry database {path} is full.", e),
        _ => new TelemetryStoreException($"The telemetry database {path} failed: {e.Message}", e),
    };

    static long Scalar(SqliteConnection connection, string sql)
    {
        using var c = Command(connection, sql);
        return Convert.ToInt64(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        var c = connection.CreateCommand();
        c.CommandText = sql;
        c.Transaction = tx;
        return c;
    }
}
