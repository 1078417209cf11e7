using System.Net.Sockets;
using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// The telemetry tables in PostgreSQL, how a database is checked and brought up to date, and how
/// PostgreSQL's errors become messages a librarian or an administrator can act on.
///
/// Tables are named <c>telemetry_*</c> and live in the connection's schema (<c>public</c>, or the
/// URL's <c>?schema=</c>), so they can share a database with other programs. <c>telemetry_schema</c>
/// holds the version. Several hubs may open the same database at once: the check and the migrations
/// run under an advisory lock, so exactly one of them creates the tables. A newer version or
/// unrecognised tables with our names are refused before anything is written.
/// To change the schema: append a migration to <see cref="Migrations"/> (never edit a shipped one).
/// </summary>
static class PostgresSchema
{
    const string Application = "RoboClub telemetry";
    const int AdvisoryLockKey = 0x52435446; // "RCTF", as SQLite's application_id

    static readonly string[] Tables = ["telemetry_schema", "telemetry_series", "telemetry_samples", "telemetry_rollups", "telemetry_club_settings", "telemetry_batches"];

    /// <summary>Migration i takes the database from version i to i + 1.</summary>
    static readonly string[] Migrations =
    [
        // 0 → 1: the same tables as SQLite's version 2 (SqliteSchema), with PostgreSQL's types.
        // Series ids are never reused (identity), so a sample written with a just-deleted id can
        // never be mistaken for a new series' sample.
        """
        CREATE TABLE telemetry_schema (
            application text NOT NULL,
            version     integer NOT NULL
        );
        INSERT INTO telemetry_schema VALUES ('RoboClub telemetry', 0);
        CREATE TABLE telemetry_series (
            id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            club    text NOT NULL,
            board   text NOT NULL,
            name    text NOT NULL,
            first_t bigint,
            last_t  bigint,
            count   bigint NOT NULL DEFAULT 0,
            UNIQUE (club, board, name)
        );
        CREATE TABLE telemetry_samples (
            series_id bigint NOT NULL,
            t         bigint NOT NULL,
            v         double precision NOT NULL,
            PRIMARY KEY (series_id, t)
        );
        CREATE TABLE telemetry_rollups (
            series_id bigint NOT NULL,
            width_ms  bigint NOT NULL,
            b         bigint NOT NULL, -- the block [b * width_ms, (b + 1) * width_ms)
            mn        double precision NOT NULL,
            mx        double precision NOT NULL,
            total     double precision NOT NULL,
            n         bigint NOT NULL,
            PRIMARY KEY (series_id, width_ms, b)
        );
        CREATE TABLE telemetry_club_settings (
            club               text PRIMARY KEY,
            retention_days     integer,
            sample_interval_ms integer
        );
        """,

        // 1 → 2: fingerprints of recently stored batches, as SQLite's version 3 (SqliteSchema): written in
        // the same transaction as their samples, so a redelivered MQTT message is stored once.
        """
        CREATE TABLE telemetry_batches (
            club        text NOT NULL,
            board       text NOT NULL,
            fingerprint bigint NOT NULL,
            stored_ms   bigint NOT NULL,
            PRIMARY KEY (club, board, fingerprint)
        );
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    /// <summary>Checks the database and creates or migrates the tables.</summary>
    public static async Task PrepareAsync(NpgsqlDataSource source, string where, int targetVersion = -1)
    {
        if (targetVersion < 0) targetVersion = CurrentVersion;
        try
        {
            await using var connection = await source.OpenConnectionAsync().ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync().ConfigureAwait(false);
            // Two hubs starting at once: the second waits here until the first has created the tables.
            await Execute(connection, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey}, hashtext(current_schema()))").ConfigureAwait(false);

            int version = 0;
            if (await Exists(connection, tx, "telemetry_schema").ConfigureAwait(false))
            {
                await using var c = new NpgsqlCommand("SELECT application, version FROM telemetry_schema", connection, tx);
                await using var r = await c.ExecuteReaderAsync().ConfigureAwait(false);
                if (!await r.ReadAsync().ConfigureAwait(false) || r.GetString(0) != Application)
                    throw new TelemetryStoreException($"The table telemetry_schema in the PostgreSQL database {where} belongs to another program, not RoboClub telemetry. It was left untouched; use another database or schema (?schema=name).");
                version = r.GetInt32(1);
            }
            else
            {
                foreach (var table in Tables)
                    if (await Exists(connection, tx, table).ConfigureAwait(false))
                        throw new TelemetryStoreException($"The PostgreSQL database {where} has a table {table} of another program. It was left untouched; use another database or schema (?schema=name).");
            }
            if (version > CurrentVersion)
                throw new TelemetryStoreException($"The telemetry tables in the PostgreSQL database {where} have schema version {version}, made by a newer RoboClub (this one knows up to {CurrentVersion}). They were left untouched; update RoboClub on every hub.");

            for (int v = version; v < targetVersion; v++)
            {
                await Execute(connection, tx, Migrations[v]).ConfigureAwait(false);
                await Execute(connection, tx, $"UPDATE telemetry_schema SET version = {v + 1}").ConfigureAwait(false);
            }
            await tx.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw Explain(e, where);
        }
    }

    static async Task<bool> Exists(NpgsqlConnection connection, NpgsqlTransaction tx, string table)
    {
        // to_regclass looks in the search path, i.e. the schema the store's tables are (or will be) in.
        await using var c = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, tx);
        c.Parameters.AddWithValue(table);
        return (bool)(await c.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        await using var c = new NpgsqlCommand(sql, connection, tx);
        await c.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// True for errors that mean "try the same transaction again": two hubs touched the same rows
    /// (deadlock), or one waited longer than the lock timeout for another's long commit.
    /// </summary>
    public static bool IsTransient(Exception e) => e is PostgresException
    {
        SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable,
    };

    /// <summary>Turns PostgreSQL's and the network's errors into a message that says what to do.</summary>
    public static Exception Explain(Exception e, string where) => e switch
    {
        TelemetryStoreException or OperationCanceledException or ArgumentException => e,
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
            new TelemetryStoreException($"PostgreSQL at {where} refused the user name or password ({p.MessageText}). Check the address given with --db.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            new TelemetryStoreException($"The database in {where} does not exist. Create it first (createdb) or correct the address given with --db.", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName } =>
            new TelemetryStoreException($"The schema of {where} does not exist. Create it first (CREATE SCHEMA name) or leave ?schema= out of the address given with --db.", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } p =>
            new TelemetryStoreException($"The PostgreSQL user of {where} may not create or change RoboClub's telemetry tables ({p.MessageText}). Grant it rights on the database or schema.", e),
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } =>
            new TelemetryStoreException($"The disk of the PostgreSQL server {where} is full.", e),
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections } p =>
            new TelemetryStoreException($"The PostgreSQL server {where} does not accept connections now ({p.MessageText}). Try again in a moment.", e),
        PostgresException p => new TelemetryStoreException($"The PostgreSQL database {where} failed: {p.MessageText} ({p.SqlState}).", e),
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } or TimeoutException or NpgsqlException { IsTransient: true } =>
            new TelemetryStoreException($"Cannot reach the PostgreSQL server {where} ({e.GetBaseException().Message}). Is it running, and may this computer connect to it?", e),
        _ => new TelemetryStoreException($"The PostgreSQL database {where} failed: {e.Message}", e),
    };
}
