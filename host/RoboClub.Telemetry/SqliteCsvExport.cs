using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// Streams a CSV export from SQLite (format: <see cref="TelemetryCsv"/>, merging: <see cref="CsvMerge"/>).
/// Each series is read in time order by its own cursor over the primary key. All cursors share one
/// read transaction: the export is a consistent snapshot even while samples keep arriving.
/// </summary>
static class SqliteCsvExport
{
    sealed class Cursor(string board, string series, SqliteCommand command) : CsvSeriesReader(board, series), IDisposable
    {
        SqliteDataReader? _reader;

        public override ValueTask<bool> NextAsync(CancellationToken cancellationToken)
        {
            _reader ??= command.ExecuteReader();
            if (!_reader.Read()) return ValueTask.FromResult(false);
            T = _reader.GetInt64(0);
            V = _reader.GetDouble(1);
            return ValueTask.FromResult(true);
        }

        public void Dispose()
        {
            _reader?.Dispose();
            command.Dispose();
        }
    }

    public static async Task<long> WriteAsync(string connectionString, string path, CsvExportRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        SqliteConnection? connection = null;
        SqliteTransaction? snapshot = null;
        var cursors = new List<Cursor>();
        try
        {
            connection = SqliteTelemetryStore.OpenReader(connectionString);
            snapshot = connection.BeginTransaction(deferred: true);
            var selected = SelectSeries(connection, snapshot, request);
            CsvMerge.CheckCount(selected.Count);
            foreach (var ((board, series), id) in selected)
            {
                var c = connection.CreateCommand();
                c.Transaction = snapshot;
                c.CommandText = "SELECT t, v FROM samples WHERE series_id = $id AND t >= $from AND t < $to ORDER BY t";
                c.Parameters.AddWithValue("$id", id);
                c.Parameters.AddWithValue("$from", request.Range.FromMs);
                c.Parameters.AddWithValue("$to", request.Range.ToMs);
                cursors.Add(new Cursor(board, series, c));
            }
            return await CsvMerge.WriteAsync(cursors, output, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            throw SqliteSchema.Explain(e, path);
        }
        finally
        {
            foreach (var c in cursors) c.Dispose();
            snapshot?.Dispose();
            connection?.Dispose();
        }
    }

    /// <summary>The series named in the request plus every series of its boards, each once, ordered by board and name.</summary>
    static SortedDictionary<(string Board, string Series), long> SelectSeries(SqliteConnection connection, SqliteTransaction tx, CsvExportRequest request)
    {
        var found = CsvMerge.NewSelection();
        using (var one = connection.CreateCommand())
        {
            one.Transaction = tx;
            one.CommandText = "SELECT id FROM series WHERE club = $c AND board = $b AND name = $n";
            one.Parameters.AddWithValue("$c", request.Club);
            var pb = one.Parameters.Add("$b", SqliteType.Text);
            var pn = one.Parameters.Add("$n", SqliteType.Text);
            foreach (var (board, series) in request.Series)
            {
                pb.Value = board;
                pn.Value = series;
                if (one.ExecuteScalar() is long id) found[(board, series)] = id;
            }
        }
        using (var all = connection.CreateCommand())
        {
            all.Transaction = tx;
            all.CommandText = "SELECT name, id FROM series WHERE club = $c AND board = $b";
            all.Parameters.AddWithValue("$c", request.Club);
            var pb = all.Parameters.Add("$b", SqliteType.Text);
            foreach (var board in request.Boards)
            {
                pb.Value = board;
                using var r = all.ExecuteReader();
                while (r.Read()) found[(board, r.GetString(0))] = r.GetInt64(1);
            }
        }
        return found;
    }
}
