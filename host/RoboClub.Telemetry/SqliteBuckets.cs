using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// Splits a range of one series into equal time buckets with min/max/avg/count, inside SQLite.
///
/// A plain <c>GROUP BY (t - start) / width</c> over the samples reads every sample of the range
/// (a million points: most of a second on this hardware). So when buckets are at least a second wide,
/// the width is rounded up to a whole number of summary blocks (1 s … 1 day) and the range is covered by the
/// coarsest summaries that fit inside it (<see cref="RollupLevels"/>), with raw samples only for the
/// less-than-a-second edges; each piece is grouped into buckets by SQL and the pieces are added up.
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
        // The coarsest level whose blocks are no wider than a bucket; -1: buckets under a second, raw samples only.
        int level = -1;
        long origin = range.FromMs, width = CeilDiv(range.LengthMs, maxBuckets);
        for (int i = RollupLevels.WidthsMs.Length - 1; i >= 0; i--)
        {
            long w = RollupLevels.WidthsMs[i];
            long alignedOrigin = range.FromMs / w * w;
            long wanted = CeilDiv(range.ToMs - alignedOrigin, maxBuckets);
            if (wanted >= w)
            {
                level = i;
                origin = alignedOrigin;
                width = CeilDiv(wanted, w) * w; // a whole number of blocks, so no block straddles two buckets
                break;
            }
        }
        int count = (int)CeilDiv(range.ToMs - origin, width); // ≤ maxBuckets by the choice of width
        var sums = new RollupLevels.Summary[count];

        using var raw = Command(connection, RawSql, seriesId, origin, width);
        using var rollup = Command(connection, RollupSql, seriesId, origin, width);
        rollup.Parameters.Add("$level", SqliteType.Integer);
        Cover(range.FromMs, range.ToMs, level, raw, rollup, sums);

        var buckets = new List<Bucket>(count);
        for (int k = 0; k < count; k++)
            if (sums[k].Count > 0)
                buckets.Add(new Bucket(origin + k * width, sums[k].Min, sums[k].Max, sums[k].Total / sums[k].Count, sums[k].Count));
        return (buckets, width);
    }

    /// <summary>Adds [from, to) into the buckets: whole blocks of <paramref name="level"/> from the summaries, the edges one level finer.</summary>
    static void Cover(long from, long to, int level, SqliteCommand raw, SqliteCommand rollup, RollupLevels.Summary[] sums)
    {
        if (from >= to) return;
        if (level < 0)
        {
            Fold(raw, from, to, sums);
            return;
        }
        long w = RollupLevels.WidthsMs[level];
        long firstBlock = CeilDiv(from, w), endBlock = to / w;
        if (firstBlock >= endBlock)
        {
            Cover(from, to, level - 1, raw, rollup, sums);
            return;
        }
        rollup.Parameters["$level"].Value = w;
        Fold(rollup, firstBlock, endBlock, sums);
        Cover(from, firstBlock * w, level - 1, raw, rollup, sums);
        Cover(endBlock * w, to, level - 1, raw, rollup, sums);
    }

    static void Fold(SqliteCommand command, long from, long to, RollupLevels.Summary[] sums)
    {
        command.Parameters["$from"].Value = from;
        command.Parameters["$to"].Value = to;
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var piece = new RollupLevels.Summary(r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetInt64(4));
            ref var bucket = ref sums[r.GetInt64(0)];
            if (bucket.Count == 0) bucket = piece;
            else bucket.Add(piece);
        }
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

    static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
