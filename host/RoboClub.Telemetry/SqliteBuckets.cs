using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// Splits a range of one series into equal time buckets with min/max/avg/count, inside SQLite.
///
/// A plain <c>GROUP BY (t - start) / width</c> over the samples reads every sample of the range
/// (a million points: most of a second on this hardware). So when buckets are at least a second wide,
/// the width is rounded up to a whole number of summary blocks (1 s … 1 day) and the range is covered by the
/// coarsest summaries that fit inside it (<see cref="RollupLevels"/>), with raw samples only for the
/// less-than-a-second edges (<see cref="BucketPlan"/>); each piece is grouped into buckets by SQL and the pieces are added up.
/// Results are exact either way (same min, max, count, and sum up to rounding); only bucket edges move
/// onto whole blocks, and the first bucket may start before the range (it holds only samples inside it).
/// </summary>
static class SqliteBuckets
{
    const string RawSql = """
        SELECT (t - $origin) / $width, min(v), max(v), sum(v), count(*)
        FROM samples WHERE series_id = $id AND t >= $from AND t < $to
        GROUP BY 1
        """;

    const string RollupSql = """
        SELECT (b * $level - $origin) / $width, min(mn), max(mx), sum(total), sum(n)
        FROM rollups WHERE series_id = $id AND width_ms = $level AND b >= $from AND b < $to
        GROUP BY 1
        """;

    public static (List<Bucket> Buckets, long WidthMs) Query(SqliteConnection connection, long seriesId, TimeRange range, int maxBuckets)
    {
        var plan = new BucketPlan(range, maxBuckets);
        using var raw = Command(connection, RawSql, seriesId, plan.OriginMs, plan.WidthMs);
        using var rollup = Command(connection, RollupSql, seriesId, plan.OriginMs, plan.WidthMs);
        rollup.Parameters.Add("$level", SqliteType.Integer);
        foreach (var piece in plan.Pieces)
        {
            var command = piece.IsRaw ? raw : rollup;
            if (!piece.IsRaw) rollup.Parameters["$level"].Value = piece.LevelWidthMs;
            command.Parameters["$from"].Value = piece.From;
            command.Parameters["$to"].Value = piece.To;
            using var r = command.ExecuteReader();
            while (r.Read()) plan.Add(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetInt64(4));
        }
        return (plan.Buckets(), plan.WidthMs);
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, long seriesId, long origin, long width)
    {
        var c = connection.CreateCommand();
        c.CommandText = sql;
        c.Parameters.AddWithValue("$id", seriesId);
        c.Parameters.AddWithValue("$origin", origin);
        c.Parameters.AddWithValue("$width", width);
        c.Parameters.Add("$from", SqliteType.Integer);
        c.Parameters.Add("$to", SqliteType.Integer);
        return c;
    }
}
