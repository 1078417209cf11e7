using Microsoft.Data.Sqlite;

namespace RoboClub.Hub.Projects;

/// <summary>
/// The projects store in one SQLite file (`{data}/projects.db`, WAL journal). Microsoft.Data.Sqlite
/// works synchronously underneath, so methods do the work and return completed tasks. Writes take
/// a process-wide lock and an IMMEDIATE transaction: a read-check-write (autosave, unique names)
/// can never interleave with another one, and a failed write rolls back to what was there.
/// </summary>
public sealed class SqliteProjectStore : IProjectStore, IDisposable
{
    readonly string _connectionString;
    readonly TimeProvider _time;
    readonly Lock _write = new();

    public SqliteProjectStore(string path, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            DefaultTimeout = 30, // another process (a backup tool) holding the file: wait, do not fail
        }.ToString();
        using var connection = Open();
        ProjectSchema.Migrate(connection);
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    static DateTimeOffset Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>Runs a write in one transaction under the writer lock.</summary>
    T Write<T>(CancellationToken ct, Func<SqliteConnection, SqliteTransaction, T> work)
    {
        ct.ThrowIfCancellationRequested();
        lock (_write)
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction(deferred: false);
            T result = work(connection, tx);
            tx.Commit();
            return result;
        }
    }

    T Read<T>(CancellationToken ct, Func<SqliteConnection, T> work)
    {
        ct.ThrowIfCancellationRequested();
        using var connection = Open();
        return work(connection);
    }

    // ---- children ----

    const string ChildColumns = "c.id, c.name, c.colour, c.created_at, (SELECT count(*) FROM projects p WHERE p.child_id = c.id AND p.deleted_at IS NULL)";

    static Child ReadChild(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), Time(r.GetInt64(3)), r.GetInt32(4));

    public Task<IReadOnlyList<Child>> ListChildrenAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Child>>(Read(ct, c => Query(c, null, $"SELECT {ChildColumns} FROM children c ORDER BY c.name_key, c.colour", ReadChild)));

    public Task<Child> GetChildAsync(long childId, CancellationToken ct = default) => Task.FromResult(Read(ct, c => FindChild(c, null, childId)));

    static Child FindChild(SqliteConnection c, SqliteTransaction? tx, long id) =>
        Query(c, tx, $"SELECT {ChildColumns} FROM children c WHERE c.id = $id", ReadChild, ("$id", id)).FirstOrDefault()
        ?? throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownChild(id.ToString()));

    public Task<Child> AddChildAsync(string? name, string? colour, CancellationToken ct = default)
    {
        string clean = ProjectRules.ChildName(name);
        var col = ProjectRules.Colour(colour);
        return Task.FromResult(Write(ct, (c, tx) =>
        {
            EnsureFree(c, tx, clean, col, exceptId: null);
            long id = Insert(c, tx, "INSERT INTO children (name, name_key, colour, created_at) VALUES ($n, $k, $c, $t)",
                ("$n", clean), ("$k", ChildNames.Key(clean)), ("$c", col.Key), ("$t", Now));
            return FindChild(c, tx, id);
        }));
    }

    public Task<Child> UpdateChildAsync(long childId, string? name, string? colour, CancellationToken ct = default)
    {
        string? clean = name is null ? null : ProjectRules.ChildName(name);
        var col = colour is null ? null : ProjectRules.Colour(colour);
        return Task.FromResult(Write(ct, (c, tx) =>
        {
            var child = FindChild(c, tx, childId);
            string newName = clean ?? child.Name;
            var newColour = col ?? ChildColours.Find(child.Colour)!;
            EnsureFree(c, tx, newName, newColour, exceptId: childId);
            Exec(c, tx, "UPDATE children SET name = $n, name_key = $k, colour = $c WHERE id = $id",
                ("$n", newName), ("$k", ChildNames.Key(newName)), ("$c", newColour.Key), ("$id", childId));
            return FindChild(c, tx, childId);
        }));
    }

    static void EnsureFree(SqliteConnection c, SqliteTransaction tx, string name, ChildColour colour, long? exceptId)
    {
        bool taken = Query(c, tx, "SELECT id FROM children WHERE name_key = $k AND colour = $c", r => r.GetInt64(0),
            ("$k", ChildNames.Key(name)), ("$c", colour.Key)).Any(id => id != exceptId);
        if (taken) throw new ProjectException(ProjectFailure.Taken, ProjectText.ChildTaken(name, colour));
    }

    // ---- projects ----

    const string ProjectColumns = "p.id, p.child_id, p.name, p.board_kind, p.mode, p.created_at, p.updated_at, p.version, p.revision";

    static ProjectSummary ReadSummary(SqliteDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Time(r.GetInt64(5)), Time(r.GetInt64(6)), r.GetInt32(7), r.GetInt64(8));

    public Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(long childId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ProjectSummary>>(Read(ct, c =>
        {
            FindChild(c, null, childId);
            return Query(c, null, $"SELECT {ProjectColumns} FROM projects p WHERE p.child_id = $c AND p.deleted_at IS NULL ORDER BY p.updated_at DESC, p.id DESC",
                ReadSummary, ("$c", childId));
        }));

    public Task<Project> CreateProjectAsync(long childId, NewProject project, CancellationToken ct = default) =>
        Task.FromResult(Add(childId, project, VersionOrigin.Created, uniqueName: false, ct));

    public Task<Project> ImportAsync(long childId, NewProject project, CancellationToken ct = default) =>
        Task.FromResult(Add(childId, project, VersionOrigin.Imported, uniqueName: true, ct));

    Project Add(long childId, NewProject p, string origin, bool uniqueName, CancellationToken ct)
    {
        string name = ProjectRules.ProjectName(p.Name);
        string kind = ProjectRules.BoardKind(p.BoardKind);
        string mode = ProjectRules.Mode(p.Mode);
        string workspace = ProjectRules.Workspace(string.IsNullOrWhiteSpace(p.Workspace) ? "{}" : p.Workspace);
        string source = ProjectRules.Source(p.Source ?? "");
        return Write(ct, (c, tx) =>
        {
            FindChild(c, tx, childId);
            string finalName = uniqueName ? ProjectNaming.Free(name, ProjectNames(c, tx, childId)) : name;
            return Insert(c, tx, childId, finalName, kind, mode, workspace, source, origin);
        });
    }

    Project Insert(SqliteConnection c, SqliteTransaction tx, long childId, string name, string kind, string mode, string workspace, string source, string origin)
    {
        long now = Now;
        long id = Insert(c, tx, "INSERT INTO projects (child_id, name, board_kind, mode, created_at, updated_at, version, revision) VALUES ($c, $n, $k, $m, $t, $t, 1, 1)",
            ("$c", childId), ("$n", name), ("$k", kind), ("$m", mode), ("$t", now));
        InsertVersion(c, tx, id, 1, now, origin, mode, workspace, source);
        return FindProject(c, tx, id);
    }

    static void InsertVersion(SqliteConnection c, SqliteTransaction tx, long projectId, int number, long now, string origin, string mode, string workspace, string source) =>
        Exec(c, tx, """
            INSERT INTO versions (project_id, number, started_at, saved_at, origin, mode, workspace, source, workspace_bytes, source_chars)
            VALUES ($p, $n, $t, $t, $o, $m, $w, $s, $wb, $sc)
            """,
            ("$p", projectId), ("$n", number), ("$t", now), ("$o", origin), ("$m", mode), ("$w", workspace), ("$s", source),
            ("$wb", System.Text.Encoding.UTF8.GetByteCount(workspace)), ("$sc", source.Length));

    static List<string> ProjectNames(SqliteConnection c, SqliteTransaction tx, long childId) =>
        Query(c, tx, "SELECT name FROM projects WHERE child_id = $c AND deleted_at IS NULL", r => r.GetString(0), ("$c", childId));

    public Task<Project> GetProjectAsync(long projectId, CancellationToken ct = default) =>
        Task.FromResult(Read(ct, c => FindProject(c, null, projectId)));

    public Task<long?> OwnerOfAsync(long projectId, CancellationToken ct = default) =>
        Task.FromResult(Read(ct, c => Query(c, null, "SELECT child_id FROM projects WHERE id = $id", r => (long?)r.GetInt64(0), ("$id", projectId)).FirstOrDefault()));

    /// <summary>The project with its latest content; refuses one in the bin unless <paramref name="allowDeleted"/>.</summary>
    static Project FindProject(SqliteConnection c, SqliteTransaction? tx, long id, bool allowDeleted = false)
    {
        var found = Query(c, tx, $"""
            SELECT {ProjectColumns}, v.workspace, v.source, p.deleted_at FROM projects p
            JOIN versions v ON v.project_id = p.id AND v.number = p.version WHERE p.id = $id
            """,
            r => (Project: new Project(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), Time(r.GetInt64(5)), Time(r.GetInt64(6)),
                r.GetInt32(7), r.GetInt64(8), r.GetString(9), r.GetString(10)), Deleted: !r.IsDBNull(11)),
            ("$id", id)).FirstOrDefault();
        if (found.Project is null) throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownProject(id.ToString()));
        if (found.Deleted && !allowDeleted) throw new ProjectException(ProjectFailure.InBin, ProjectText.InBin(found.Project.Name));
        return found.Project;
    }

    public Task<SaveResult> SaveAsync(long projectId, ProjectContent content, CancellationToken ct = default)
    {
        string? mode = content.Mode is null ? null : ProjectRules.Mode(content.Mode);
        string? workspace = content.Workspace is null ? null : ProjectRules.Workspace(content.Workspace);
        string? source = content.Source is null ? null : ProjectRules.Source(content.Source);
        return Task.FromResult(Write(ct, (c, tx) =>
        {
            var latest = FindProject(c, tx, projectId);
            var next = (Mode: mode ?? latest.Mode, Workspace: workspace ?? latest.Workspace, Source: source ?? latest.Source);
            if (next == (latest.Mode, latest.Workspace, latest.Source)) return new SaveResult("unchanged", latest);

            var (startedAt, origin) = Query(c, tx, "SELECT started_at, origin FROM versions WHERE project_id = $p AND number = $n",
                r => (r.GetInt64(0), r.GetString(1)), ("$p", projectId), ("$n", latest.Version)).Single();
            long now = Now;
            long elapsed = now - startedAt;
            // Fold into the latest version only when this editor saw it (nobody else wrote since),
            // it is an ordinary save, and it was started less than a minute ago.
            bool fold = content.BaseRevision == latest.Revision && origin == VersionOrigin.Saved
                && elapsed >= 0 && elapsed < (long)ProjectLimits.VersionWindow.TotalMilliseconds;
            int number = latest.Version;
            if (fold)
            {
                Exec(c, tx, """
                    UPDATE versions SET saved_at = $t, mode = $m, workspace = $w, source = $s, workspace_bytes = $wb, source_chars = $sc
                    WHERE project_id = $p AND number = $n
                    """,
                    ("$t", now), ("$m", next.Mode), ("$w", next.Workspace), ("$s", next.Source),
                    ("$wb", System.Text.Encoding.UTF8.GetByteCount(next.Workspace)), ("$sc", next.Source.Length), ("$p", projectId), ("$n", number));
            }
            else
            {
                number++;
                InsertVersion(c, tx, projectId, number, now, VersionOrigin.Saved, next.Mode, next.Workspace, next.Source);
            }
            Touch(c, tx, projectId, number, next.Mode, now);
            return new SaveResult(fold ? "replaced" : "created", FindProject(c, tx, projectId));
        }));
    }

    static void Touch(SqliteConnection c, SqliteTransaction tx, long projectId, int version, string mode, long now) =>
        Exec(c, tx, "UPDATE projects SET version = $v, mode = $m, updated_at = $t, revision = revision + 1 WHERE id = $p",
            ("$v", version), ("$m", mode), ("$t", now), ("$p", projectId));

    public Task<Project> RenameProjectAsync(long projectId, string? name, CancellationToken ct = default)
    {
        string clean = ProjectRules.ProjectName(name);
        return Task.FromResult(Write(ct, (c, tx) =>
        {
            FindProject(c, tx, projectId);
            Exec(c, tx, "UPDATE projects SET name = $n WHERE id = $p", ("$n", clean), ("$p", projectId));
            return FindProject(c, tx, projectId);
        }));
    }

    public Task<Project> DuplicateAsync(long projectId, string? name, string language, CancellationToken ct = default)
    {
        string? clean = name is null ? null : ProjectRules.ProjectName(name);
        return Task.FromResult(Write(ct, (c, tx) =>
        {
            var original = FindProject(c, tx, projectId);
            string copyName = clean ?? ProjectNaming.Copy(original.Name, language, ProjectNames(c, tx, original.ChildId));
            return Insert(c, tx, original.ChildId, copyName, original.BoardKind, original.Mode, original.Workspace, original.Source, VersionOrigin.Duplicated);
        }));
    }

    public Task DeleteAsync(long projectId, CancellationToken ct = default) =>
        Task.FromResult(Write(ct, (c, tx) =>
        {
            FindProject(c, tx, projectId);
            return Exec(c, tx, "UPDATE projects SET deleted_at = $t WHERE id = $p", ("$t", Now), ("$p", projectId));
        }));

    public Task<IReadOnlyList<DeletedProject>> ListDeletedAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<DeletedProject>>(Read(ct, c => Query(c, null, """
            SELECT p.id, p.child_id, c.name, c.colour, p.name, p.board_kind, p.updated_at, p.deleted_at
            FROM projects p JOIN children c ON c.id = p.child_id WHERE p.deleted_at IS NOT NULL ORDER BY p.deleted_at DESC, p.id DESC
            """,
            r => new DeletedProject(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                Time(r.GetInt64(6)), Time(r.GetInt64(7))))));

    public Task<Project> RestoreAsync(long projectId, CancellationToken ct = default) =>
        Task.FromResult(Write(ct, (c, tx) =>
        {
            FindProject(c, tx, projectId, allowDeleted: true);
            Exec(c, tx, "UPDATE projects SET deleted_at = NULL WHERE id = $p", ("$p", projectId));
            return FindProject(c, tx, projectId);
        }));

    // ---- versions ----

    public Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(long projectId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<VersionInfo>>(Read(ct, c =>
        {
            FindProject(c, null, projectId);
            return Query(c, null, """
                SELECT number, started_at, saved_at, origin, mode, workspace_bytes, source_chars
                FROM versions WHERE project_id = $p ORDER BY number DESC
                """,
                r => new VersionInfo(r.GetInt32(0), Time(r.GetInt64(1)), Time(r.GetInt64(2)), r.GetString(3), r.GetString(4), r.GetInt32(5), r.GetInt32(6)),
                ("$p", projectId));
        }));

    public Task<ProjectVersion> GetVersionAsync(long projectId, int number, CancellationToken ct = default) =>
        Task.FromResult(Read(ct, c =>
        {
            FindProject(c, null, projectId);
            return FindVersion(c, null, projectId, number);
        }));

    static ProjectVersion FindVersion(SqliteConnection c, SqliteTransaction? tx, long projectId, int number) =>
        Query(c, tx, "SELECT number, started_at, saved_at, origin, mode, workspace, source FROM versions WHERE project_id = $p AND number = $n",
            r => new ProjectVersion(r.GetInt32(0), Time(r.GetInt64(1)), Time(r.GetInt64(2)), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6)),
            ("$p", projectId), ("$n", number)).FirstOrDefault()
        ?? throw new ProjectException(ProjectFailure.NotFound, ProjectText.UnknownVersion(number.ToString()));

    public Task<SaveResult> RestoreVersionAsync(long projectId, int number, CancellationToken ct = default) =>
        Task.FromResult(Write(ct, (c, tx) =>
        {
            var latest = FindProject(c, tx, projectId);
            var old = FindVersion(c, tx, projectId, number);
            if ((old.Mode, old.Workspace, old.Source) == (latest.Mode, latest.Workspace, latest.Source)) return new SaveResult("unchanged", latest);
            long now = Now;
            InsertVersion(c, tx, projectId, latest.Version + 1, now, VersionOrigin.Restored, old.Mode, old.Workspace, old.Source);
            Touch(c, tx, projectId, latest.Version + 1, old.Mode, now);
            return new SaveResult("created", FindProject(c, tx, projectId));
        }));

    // ---- plumbing ----

    static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, (string Name, object Value)[] args)
    {
        var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in args) command.Parameters.AddWithValue(name, value);
        return command;
    }

    static int Exec(SqliteConnection c, SqliteTransaction tx, string sql, params (string, object)[] args)
    {
        using var command = Command(c, tx, sql, args);
        return command.ExecuteNonQuery();
    }

    static long Insert(SqliteConnection c, SqliteTransaction tx, string sql, params (string, object)[] args)
    {
        using var command = Command(c, tx, sql + "; SELECT last_insert_rowid();", args);
        return Convert.ToInt64(command.ExecuteScalar());
    }

    static List<T> Query<T>(SqliteConnection c, SqliteTransaction? tx, string sql, Func<SqliteDataReader, T> read, params (string, object)[] args)
    {
        using var command = Command(c, tx, sql, args);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    /// <summary>Closes pooled connections so the WAL is checkpointed and the file can be moved or deleted.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
