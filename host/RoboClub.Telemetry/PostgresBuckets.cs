using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// Bucketed range queries in PostgreSQL: the same plan as SQLite's (<see cref="BucketPlan"/>: whole
/// summary blocks plus raw edges), with every piece's grouped query sent in one round trip.
/// </summary>
static class PostgresBuckets
{
    const string RawSql = """
        SELECT (t - $2) / $3, min(v), max(v), sum(v), count(*)
        FROM telemetry_samples WHERE series_id = $1 AND t >= $4 AND t < $5
        GROUP BY 1
        """;

    const string RollupSql = """
        SELECT (b * $6 - $2) / $3, min(mn), max(mx), sum(total), sum(n)::bigint
        FROM telemetry_rollups WHERE series_id = $1 AND width_ms = $6 AND b >= $4 AND b < $5
        GROUP BY 1
        """;

    public static async Task<(List<Bucket> Buckets, long WidthMs)> QueryAsync(NpgsqlConnection connection, long seriesId, TimeRange range, int maxBuckets, CancellationToken cancellationToken)
    {
        var plan = new BucketPlan(range, maxBuckets);
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var piece in plan.Pieces)
            {
                var c = new NpgsqlBatchCommand(piece.IsRaw ? RawSql : RollupSql);
                foreach (long value in new[] { seriesId, plan.OriginMs, plan.WidthMs, piece.From, piece.To })
                    c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
                if (!piece.IsRaw) c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = piece.LevelWidthMs });
                batch.BatchCommands.Add(c);
            }
            await using var r = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                    plan.Add(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetInt64(4));
            } while (await r.NextResultAsync(cancellationToken).ConfigureAwait(false));
        }
        return (plan.Buckets(), plan.WidthMs);
    }
}
