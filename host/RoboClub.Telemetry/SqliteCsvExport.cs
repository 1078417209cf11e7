using Microsoft.Data.Sqlite;

namespace RoboClub.Telemetry;

/// <summary>
/// Streams a CSV export (format: <see cref="TelemetryCsv"/>). Each series is read in time order by
/// its own cursor over the primary key, and the cursors are merged by time, so memory stays at one
/// row per series plus a write buffer whatever the range. All cursors share one read transaction:
/// the export is a consistent snapshot even while samples keep arriving.
/// </summary>
static class SqliteCsvExport
{
    const int BufferChars = 32 * 1024;
    const int MaxRowChars = 24 + 1 + 20 + 1 + 2 * (2 * TelemetryNames.MaxLength + 2) + 2 + 32 + 2;

    sealed class Cursor(string board, string series, SqliteCommand command, SqliteDataReader reader) : IDisposable
    {
        public readonly string Board = TelemetryCsv.Quote(board);
        public readonly string Series = TelemetryCsv.Quote(series);
        public long T;
        public double V;
        public bool Next()
        {
            if (!reader.Read()) return false;
            T = reader.GetInt64(0);
            V = reader.GetDouble(1);
            return true;
        }
        public void Dispose()
        {
            reader.Dispose();
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
            if (selected.Count > CsvExportRequest.MaxSeries)
                throw new ArgumentException($"At most {CsvExportRequest.MaxSeries} series can be exported at once; these boards have {selected.Count}.", nameof(request));

            // Ordered by board then series, so rows with equal times come in that order (the queue breaks ties by index).
            var queue = new PriorityQueue<int, (long T, int Index)>();
            foreach (var (board, series, id) in selected)
            {
                var c = connection.CreateCommand();
                c.Transaction = snapshot;
                c.CommandText = "SELECT t, v FROM samples WHERE series_id = $id AND t >= $from AND t < $to ORDER BY t";
                c.Parameters.AddWithValue("$id", id);
                c.Parameters.AddWithValue("$from", request.Range.FromMs);
                c.Parameters.AddWithValue("$to", request.Range.ToMs);
                var cursor = new Cursor(board, series, c, c.ExecuteReader());
                cursors.Add(cursor);
                if (cursor.Next()) queue.Enqueue(cursors.Count - 1, (cursor.T, cursors.Count - 1));
            }

            var buffer = new char[BufferChars];
            int used = 0;
            TelemetryCsv.Header.CopyTo(buffer);
            used = TelemetryCsv.Header.Length;
            TelemetryCsv.NewLine.CopyTo(buffer.AsSpan(used));
            used += 2;

            var days = new DayCache();
            long rows = 0;
            while (queue.TryDequeue(out int index, out _))
            {
                var cursor = cursors[index];
                if (used > BufferChars - MaxRowChars)
                {
                    cancellationToken.ThrowIfCancellationRequested(); // the output may not check it
                    await output.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                }
                used += WriteRow(buffer.AsSpan(used), cursor, days);
                rows++;
                if (cursor.Next()) queue.Enqueue(index, (cursor.T, index));
            }
            await output.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return rows;
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

    static int WriteRow(Span<char> row, Cursor cursor, DayCache days)
    {
        int n = days.Write(row, cursor.T);
        row[n++] = ',';
        cursor.T.TryFormat(row[n..], out int w, default, System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        row[n++] = ',';
        cursor.Board.CopyTo(row[n..]);
        n += cursor.Board.Length;
        row[n++] = ',';
        cursor.Series.CopyTo(row[n..]);
        n += cursor.Series.Length;
        row[n++] = ',';
        n += TelemetryCsv.WriteValue(row[n..], cursor.V);
        row[n++] = '\r';
        row[n++] = '\n';
        return n;
    }

    /// <summary>The series named in the request plus every series of its boards, each once, ordered by board and name.</summary>
    static List<(string Board, string Series, long Id)> SelectSeries(SqliteConnection connection, SqliteTransaction tx, CsvExportRequest request)
    {
        var found = new SortedDictionary<(string Board, string Series), long>(Comparer<(string, string)>.Create(
            (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2)));
        using (var one = connection.CreateCommand())
        {
            one.Transaction = tx;
            one.CommandText = "SELECT id FROM series WHERE club = $c AND board = $b AND name = $n";
            var pc = one.Parameters.AddWithValue("$c", request.Club);
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
        return found.Select(kv => (kv.Key.Board, kv.Key.Series, kv.Value)).ToList();
    }

    /// <summary>Formats times, reusing the date part while rows stay on the same day (they mostly do).</summary>
    sealed class DayCache
    {
        long _day = -1;
        readonly char[] _date = new char[11]; // "yyyy-MM-ddT"

        public int Write(Span<char> destination, long timeMs)
        {
            long day = timeMs / 86_400_000;
            if (day != _day)
            {
                Span<char> full = stackalloc char[24];
                TelemetryCsv.WriteTime(full, timeMs);
                full[..11].CopyTo(_date);
                _day = day;
            }
            _date.CopyTo(destination);
            long ms = timeMs % 86_400_000;
            int h = (int)(ms / 3_600_000), m = (int)(ms / 60_000 % 60), s = (int)(ms / 1000 % 60), f = (int)(ms % 1000);
            Two(destination[11..], h);
            destination[13] = ':';
            Two(destination[14..], m);
            destination[16] = ':';
            Two(destination[17..], s);
            destination[19] = '.';
            destination[20] = (char)('0' + f / 100);
            destination[21] = (char)('0' + f / 10 % 10);
            destination[22] = (char)('0' + f % 10);
            destination[23] = 'Z';
            return 24;
        }

        static void Two(Span<char> d, int v)
        {
            d[0] = (char)('0' + v / 10);
            d[1] = (char)('0' + v % 10);
        }
    }
}
