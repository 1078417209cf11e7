using System.Data;
using Npgsql;

namespace RoboClub.Telemetry;

/// <summary>
/// Streams a CSV export from PostgreSQL (format: <see cref="TelemetryCsv"/>, merging: <see cref="CsvMerge"/>,
/// so the file is identical to SQLite's). A connection reads one result at a time, so each series
/// gets a server-side cursor fetched in chunks; all cursors live in one REPEATABLE READ transaction,
/// which makes the export a consistent snapshot while samples keep arriving.
/// </summary>
static class PostgresCsvExport
{
    sealed class Cursor(string board, string series, NpgsqlConnection connection, NpgsqlTransaction tx, string name, int chunk) : CsvSeriesReader(board, series)
    {
        readonly List<(long T, double V)> _rows = new(chunk);
        int _next;
        bool _ended;

        public override async ValueTask<bool> NextAsync(CancellationToken cancellationToken)
        {
            if (_next == _rows.Count)
            {
                if (_ended) return false;
                _rows.Clear();
                _next = 0;
                await using var fetch = new NpgsqlCommand($"FETCH FORWARD {chunk} FROM {name}", connection, tx);
                await using var r = await fetch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) _rows.Add((r.GetInt64(0), r.GetDouble(1)));
                _ended = _rows.Count < chunk;
                if (_rows.Count == 0) return false;
            }
            (T, V) = _rows[_next++];
            return true;
        }
    }

    public static async Task<long> WriteAsync(NpgsqlDataSource source, string where, CsvExportRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            var selected = await SelectSeriesAsync(connection, tx, request, cancellationToken).ConfigureAwait(false);
            CsvMerge.CheckCount(selected.Count);
            // Memory: about 50,000 buffered rows in all, whatever the number of series.
            int chunk = Math.Clamp(50_000 / Math.Max(1, selected.Count), 64, 4096);
            var cursors = new List<Cursor>(selected.Count);
            foreach (var ((board, series), id) in selected)
            {
                string name = $"export_{cursors.Count}";
                await using var declare = new NpgsqlCommand($"DECLARE {name} NO SCROLL CURSOR FOR SELECT t, v FROM telemetry_samples WHERE series_id = $1 AND t >= $2 AND t < $3 ORDER BY t", connection, tx);
                declare.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
                declare.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.Range.FromMs });
                declare.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.Range.ToMs });
                await declare.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                cursors.Add(new Cursor(board, series, connection, tx, name, chunk));
            }
            return await CsvMerge.WriteAsync(cursors, output, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw PostgresSchema.Explain(e, where);
        }
    }

    /// <summary>The series named in the request plus every series of its boards, each once, ordered by board and name.</summary>
    static async Task<SortedDictionary<(string Board, string Series), long>> SelectSeriesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CsvExportRequest request, CancellationToken cancellationToken)
    {
        var found = CsvMerge.NewSelection();
        await using var c = new NpgsqlCommand("""
            SELECT board, name, id FROM telemetry_series s
            WHERE club = $1 AND (board = ANY($2) OR (board, name) IN (SELECT * FROM unnest($3::text[], $4::text[])))
            """, connection, tx);
        c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.Club });
        c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = request.Boards.ToArray() });
        c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = request.Series.Select(s => s.Board).ToArray() });
        c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = request.Series.Select(s => s.Series).ToArray() });
        await using var r = await c.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false)) found[(r.GetString(0), r.GetString(1))] = r.GetInt64(2);
        return found;
    }
}
