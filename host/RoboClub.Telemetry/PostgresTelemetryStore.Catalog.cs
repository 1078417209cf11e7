using Npgsql;

namespace RoboClub.Telemetry;

/// <summary><see cref="ITelemetryCatalog"/> on PostgreSQL: pooled read connections, names in code-point order (COLLATE "C").</summary>
public sealed partial class PostgresTelemetryStore : ITelemetryCatalog
{
    public Task<IReadOnlyList<string>> ListClubsAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<string>>(async connection =>
        {
            await using var c = Command(connection, """SELECT DISTINCT club COLLATE "C" FROM telemetry_series WHERE count > 0 ORDER BY 1""");
            return await StringsAsync(c, cancellationToken).ConfigureAwait(false);
        });

    public Task<IReadOnlyList<string>> ListBoardsAsync(string club, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        return Read<IReadOnlyList<string>>(async connection =>
        {
            await using var c = Command(connection, """SELECT DISTINCT board COLLATE "C" FROM telemetry_series WHERE club = $1 AND count > 0 ORDER BY 1""", club);
            return await StringsAsync(c, cancellationToken).ConfigureAwait(false);
        });
    }

    public Task<IReadOnlyList<TelemetrySample>> ReadAfterAsync(SeriesKey series, long afterMs, long untilMs, int limit, CancellationToken cancellationToken = default)
    {
        ITelemetryCatalog.CheckRead(series, limit);
        return Read<IReadOnlyList<TelemetrySample>>(async connection =>
        {
            await using var c = Command(connection, """
                SELECT x.t, x.v FROM telemetry_series s JOIN telemetry_samples x ON x.series_id = s.id
                WHERE s.club = $1 AND s.board = $2 AND s.name = $3 AND x.t > $4 AND x.t <= $5
                ORDER BY x.t LIMIT $6
                """, series.Club, series.Board, series.Series);
            c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterMs });
            c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = untilMs });
            c.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<TelemetrySample>();
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(new TelemetrySample(series.Series, r.GetInt64(0), r.GetDouble(1)));
            return (IReadOnlyList<TelemetrySample>)list;
        });
    }

    static async Task<IReadOnlyList<string>> StringsAsync(NpgsqlCommand c, CancellationToken cancellationToken)
    {
        await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<string>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(r.GetString(0));
        return list;
    }
}
