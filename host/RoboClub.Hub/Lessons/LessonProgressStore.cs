using Microsoft.Data.Sqlite;

namespace RoboClub.Hub.Lessons;

/// <summary>One child's standing in one lesson: how many checks, and when the first one passed.</summary>
public sealed record LessonProgress(long ChildId, string LessonId, int Checks, DateTimeOffset? FinishedAt, DateTimeOffset LastCheckAt)
{
    public bool Finished => FinishedAt is not null;
}

/// <summary>
/// Which child finished which lesson, in its own SQLite file (<c>{data}/lessons.db</c>): a row per
/// child and lesson, written after every "Check my program". A lesson stays finished once a check
/// passed, even if a later attempt does not (children experiment after finishing).
/// </summary>
public sealed class LessonProgressStore
{
    readonly string _connectionString;
    readonly TimeProvider _time;
    readonly Lock _write = new();

    public LessonProgressStore(string path, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS progress (
                child_id INTEGER NOT NULL,
                lesson TEXT NOT NULL,
                checks INTEGER NOT NULL,
                finished_at INTEGER,
                last_check_at INTEGER NOT NULL,
                PRIMARY KEY (child_id, lesson));
            """;
        cmd.ExecuteNonQuery();
    }

    SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    /// <summary>Counts a check; the first passing one marks the lesson finished.</summary>
    public LessonProgress Record(long childId, string lessonId, bool passed)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_write)
        {
            using var c = Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO progress (child_id, lesson, checks, finished_at, last_check_at) VALUES ($child, $lesson, 1, $finished, $now)
                ON CONFLICT (child_id, lesson) DO UPDATE SET checks = checks + 1,
                    finished_at = COALESCE(finished_at, excluded.finished_at), last_check_at = excluded.last_check_at;
                """;
            cmd.Parameters.AddWithValue("$child", childId);
            cmd.Parameters.AddWithValue("$lesson", lessonId);
            cmd.Parameters.AddWithValue("$finished", passed ? now : DBNull.Value);
            cmd.Parameters.AddWithValue("$now", now);
            cmd.ExecuteNonQuery();
        }
        return Of(childId).Single(p => p.LessonId == lessonId);
    }

    /// <summary>One child's progress (lessons never checked are absent).</summary>
    public IReadOnlyList<LessonProgress> Of(long childId) => Query("WHERE child_id = $child", childId);

    /// <summary>Everyone's progress, for the librarian.</summary>
    public IReadOnlyList<LessonProgress> All() => Query("", null);

    IReadOnlyList<LessonProgress> Query(string where, long? childId)
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT child_id, lesson, checks, finished_at, last_check_at FROM progress {where} ORDER BY child_id, lesson";
        if (childId is { } id) cmd.Parameters.AddWithValue("$child", id);
        using var r = cmd.ExecuteReader();
        var list = new List<LessonProgress>();
        while (r.Read())
            list.Add(new LessonProgress(r.GetInt64(0), r.GetString(1), r.GetInt32(2),
                r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4))));
        return list;
    }
}
