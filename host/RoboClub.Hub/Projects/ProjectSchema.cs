using Microsoft.Data.Sqlite;
using RoboClub.Hub.Boards;

namespace RoboClub.Hub.Projects;

/// <summary>
/// The tables in projects.db and how an older file is brought up to date. The schema version is
/// SQLite's <c>PRAGMA user_version</c>; each step runs in its own transaction together with the new
/// version number, so a crash mid-upgrade leaves the file at the previous version, never between.
/// Add a step at the end; never edit a step that has shipped.
/// </summary>
static class ProjectSchema
{
    static readonly string[] Steps =
    [
        // 0 → 1. Times are Unix milliseconds (UTC). A project's content lives only in its versions;
        // projects.version points at the latest one.
        """
        CREATE TABLE children (
            id         INTEGER PRIMARY KEY,
            name       TEXT    NOT NULL,
            name_key   TEXT    NOT NULL,
            colour     TEXT    NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (name_key, colour)
        );
        CREATE TABLE projects (
            id         INTEGER PRIMARY KEY,
            child_id   INTEGER NOT NULL REFERENCES children(id),
            name       TEXT    NOT NULL,
            board_kind TEXT    NOT NULL CHECK (board_kind IN ('robot', 'weather')),
            mode       TEXT    NOT NULL CHECK (mode IN ('blocks', 'csharp')),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            version    INTEGER NOT NULL,
            revision   INTEGER NOT NULL,
            deleted_at INTEGER
        );
        CREATE INDEX projects_by_child ON projects (child_id, updated_at DESC);
        CREATE TABLE versions (
            project_id      INTEGER NOT NULL REFERENCES projects(id),
            number          INTEGER NOT NULL,
            started_at      INTEGER NOT NULL,
            saved_at        INTEGER NOT NULL,
            origin          TEXT    NOT NULL,
            mode            TEXT    NOT NULL,
            workspace       TEXT    NOT NULL,
            source          TEXT    NOT NULL,
            workspace_bytes INTEGER NOT NULL,
            source_chars    INTEGER NOT NULL,
            PRIMARY KEY (project_id, number)
        );
        """,
    ];

    public static int Current => Steps.Length;

    public static void Migrate(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;"; // readers never wait for the autosaves
            wal.ExecuteNonQuery();
        }
        long version = Scalar(connection, "PRAGMA user_version;");
        if (version > Steps.Length)
            throw new ProjectException(ProjectFailure.Invalid, new HubMessage(
                $"projects.db was written by a newer RoboClub (schema {version}, this hub knows {Steps.Length}). Update the hub; the file was not changed.",
                $"projects.db a fost scris de un RoboClub mai nou (schema {version}, hubul acesta știe {Steps.Length}). Actualizează hubul; fișierul nu a fost schimbat."));
        for (long step = version; step < Steps.Length; step++)
        {
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            tx.Commit();
        }
    }

    static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
