namespace RoboClub.Telemetry;

/// <summary>One exported series' samples in time order, read by a store's own cursor.</summary>
abstract class CsvSeriesReader(string board, string series)
{
    public readonly string Board = TelemetryCsv.Quote(board);
    public readonly string Series = TelemetryCsv.Quote(series);
    public long T;
    public double V;

    /// <summary>Moves to the next sample (sets <see cref="T"/> and <see cref="V"/>); false at the end.</summary>
    public abstract ValueTask<bool> NextAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Writes a CSV export (format: <see cref="TelemetryCsv"/>) by merging series readers by time. Every
/// store goes through here, so their files are identical byte for byte. Memory stays at one row per
/// series (plus what a reader buffers) and a write buffer, whatever the range.
/// </summary>
static class CsvMerge
{
    const int BufferChars = 32 * 1024;
    const int MaxRowChars = 24 + 1 + 20 + 1 + 2 * (2 * TelemetryNames.MaxLength + 2) + 2 + 32 + 2;

    /// <summary>An empty set of chosen series, kept ordered by board then series name (ordinal), as rows with equal times are.</summary>
    public static SortedDictionary<(string Board, string Series), long> NewSelection() => new(Comparer<(string, string)>.Create(
        (a, b) => string.CompareOrdinal(a.Item1, b.Item1) is var c and not 0 ? c : string.CompareOrdinal(a.Item2, b.Item2)));

    public static void CheckCount(int series)
    {
        if (series > CsvExportRequest.MaxSeries)
            throw new ArgumentException($"At most {CsvExportRequest.MaxSeries} series can be exported at once; these boards have {series}.", "request");
    }

    /// <summary>Writes the header and every row; <paramref name="readers"/> are in board, series order. Returns the data rows.</summary>
    public static async Task<long> WriteAsync(IReadOnlyList<CsvSeriesReader> readers, TextWriter output, CancellationToken cancellationToken)
    {
        // Ties on time are broken by index, i.e. by board then series.
        var queue = new PriorityQueue<int, (long T, int Index)>();
        for (int i = 0; i < readers.Count; i++)
            if (await readers[i].NextAsync(cancellationToken).ConfigureAwait(false)) queue.Enqueue(i, (readers[i].T, i));

        var buffer = new char[BufferChars];
        TelemetryCsv.Header.CopyTo(buffer);
        int used = TelemetryCsv.Header.Length;
        TelemetryCsv.NewLine.CopyTo(buffer.AsSpan(used));
        used += 2;

        var days = new DayCache();
        long rows = 0;
        while (queue.TryDequeue(out int index, out _))
        {
            var reader = readers[index];
            if (used > BufferChars - MaxRowChars)
            {
                cancellationToken.ThrowIfCancellationRequested(); // the output may not check it
                await output.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
            }
            used += WriteRow(buffer.AsSpan(used), reader, days);
            rows++;
            if (await reader.NextAsync(cancellationToken).ConfigureAwait(false)) queue.Enqueue(index, (reader.T, index));
        }
        await output.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    static int WriteRow(Span<char> row, CsvSeriesReader reader, DayCache days)
    {
        int n = days.Write(row, reader.T);
        row[n++] = ',';
        reader.T.TryFormat(row[n..], out int w, default, System.Globalization.CultureInfo.InvariantCulture);
        n += w;
        row[n++] = ',';
        reader.Board.CopyTo(row[n..]);
        n += reader.Board.Length;
        row[n++] = ',';
        reader.Series.CopyTo(row[n..]);
        n += reader.Series.Length;
        row[n++] = ',';
        n += TelemetryCsv.WriteValue(row[n..], reader.V);
        row[n++] = '\r';
        row[n++] = '\n';
        return n;
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
