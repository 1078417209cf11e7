namespace RoboClub.Telemetry;

/// <summary><see cref="ITelemetryCatalog"/> on the SQLite file: read-only queries on the reader connections.</summary>
public sealed partial class SqliteTelemetryStore : ITelemetryCatalog
{
    public Task<IReadOnlyList<string>> ListClubsAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<string>>(connection =>
        {
            using var c = Command(connection, "SELECT DISTINCT club FROM series WHERE count > 0 ORDER BY club");
            return Strings(c);
        });

    public Task<IReadOnlyList<string>> ListBoardsAsync(string club, CancellationToken cancellationToken = default)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        return Read<IReadOnlyList<string>>(connection =>
        {
            using var c = Command(connection, "SELECT DISTINCT board FROM series WHERE club = $c AND count > 0 ORDER BY board");
            c.Parameters.AddWithValue("$c", club);
            return Strings(c);
        });
    }

    public Task<IReadOnlyList<TelemetrySample>> ReadAfterAsync(SeriesKey series, long afterMs, long untilMs, int limit, CancellationToken cancellationToken = default)
    {
        ITelemetryCatalog.CheckRead(series, limit);
        return Read<IReadOnlyList<TelemetrySample>>(connection =>
        {
            using var c = Command(connection, """
                SELECT x.t, x.v FROM series s JOIN samples x ON x.series_id = s.id
                WHERE s.club = $c AND s.board = $b AND s.name = $n AND x.t > $after AND x.t <= $until
                ORDER BY x.t LIMIT $limit
                """);
            c.Parameters.AddWithValue("$c", series.Club);
            c.Parameters.AddWithValue("$b", series.Board);
            c.Parameters.AddWithValue("$n", series.Series);
            c.Parameters.AddWithValue("$after", afterMs);
            c.Parameters.AddWithValue("$until", untilMs);
            c.Parameters.AddWithValue("$limit", limit);
            using var r = c.ExecuteReader();
            var list = new List<TelemetrySample>();
            while (r.Read()) list.Add(new TelemetrySample(series.Series, r.GetInt64(0), r.GetDouble(1)));
            return list;
        });
    }

    static List<string> Strings(Microsoft.Data.Sqlite.SqliteCommand c)
    {
        using var r = c.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        // SQLite's default BINARY collation is code-point order for UTF-8, as the other lists.
        return list;
    }
}
