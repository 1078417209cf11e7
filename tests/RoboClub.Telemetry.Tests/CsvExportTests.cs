using System.Text;
using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

public abstract class CsvExportTests(TestStores stores) : StoreTests(stores)
{
    async Task<ITelemetryStore> StoreWithTwoBoards()
    {
        var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1",
            S("temperature", T0, 21.5), S("temperature", T0 + 1500, -0.125), S("temperature", T0 + 3000, 1e21),
            S("humidity", T0 + 1500, 48), S("umiditate_sol", T0 + 500, 0.1));
        await store.AppendAndFlush("arad", "stația-2", S("temperature", T0 + 1500, 19), S("temperature", T0 + 86_400_000 + 1, 18.75));
        await store.AppendAndFlush("cluj", "station-1", S("temperature", T0 + 1500, 5)); // another club: never exported with arad
        return store;
    }

    static async Task<(long Rows, string Text)> Export(ITelemetryStore store, CsvExportRequest request)
    {
        var text = new StringWriter();
        long rows = await store.ExportCsvAsync(request, text);
        return (rows, text.ToString());
    }

    [Fact]
    public async Task Chosen_series_of_several_boards_come_out_in_time_order_with_exact_rows()
    {
        await using var store = await StoreWithTwoBoards();
        var (rows, csv) = await Export(store, new CsvExportRequest("arad", new TimeRange(T0, T0 + 86_400_000 + 2))
        {
            Series = [("station-1", "temperature"), ("stația-2", "temperature"), ("station-1", "humidity"), ("station-1", "humidity"), ("station-1", "no-such-series")],
        });
        Assert.Equal(6, rows);
        Assert.Equal(
            "time_utc,time_ms,board,series,value\r\n" +
            "2026-11-21T10:00:00.000Z,1795255200000,station-1,temperature,21.5\r\n" +
            "2026-11-21T10:00:01.500Z,1795255201500,station-1,humidity,48\r\n" +      // equal times: by board, then series
            "2026-11-21T10:00:01.500Z,1795255201500,station-1,temperature,-0.125\r\n" +
            "2026-11-21T10:00:01.500Z,1795255201500,stația-2,temperature,19\r\n" +
            "2026-11-21T10:00:03.000Z,1795255203000,station-1,temperature,1E+21\r\n" +
            "2026-11-22T10:00:00.001Z,1795341600001,stația-2,temperature,18.75\r\n", csv);
    }

    [Fact]
    public async Task Whole_boards_export_every_series_and_the_range_cuts_both_ends()
    {
        await using var store = await StoreWithTwoBoards();
        var (rows, csv) = await Export(store, new CsvExportRequest("arad", new TimeRange(T0 + 500, T0 + 3000)) { Boards = ["station-1"] });
        Assert.Equal(
            "time_utc,time_ms,board,series,value\r\n" +
            "2026-11-21T10:00:00.500Z,1795255200500,station-1,umiditate_sol,0.1\r\n" +
            "2026-11-21T10:00:01.500Z,1795255201500,station-1,humidity,48\r\n" +
            "2026-11-21T10:00:01.500Z,1795255201500,station-1,temperature,-0.125\r\n", csv);
        Assert.Equal(3, rows);

        (rows, csv) = await Export(store, new CsvExportRequest("arad", TimeRange.All) { Boards = ["station-1", "stația-2"], Series = [("station-1", "humidity")] });
        Assert.Equal(7, rows);
        Assert.Equal(8, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task An_empty_range_gives_only_the_header()
    {
        await using var store = await StoreWithTwoBoards();
        var (rows, csv) = await Export(store, new CsvExportRequest("arad", new TimeRange(T0 + 1, T0 + 2)) { Boards = ["station-1", "unknown"] });
        Assert.Equal(0, rows);
        Assert.Equal("time_utc,time_ms,board,series,value\r\n", csv);
    }

    [Fact]
    public async Task Values_read_back_exactly_as_stored()
    {
        double[] values = [0.1, 1.0 / 3, -273.15, 1e-300, double.MaxValue, double.Epsilon, 123456789.123456789, -0.0];
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", values.Select((v, i) => S("x", T0 + i, v)).ToArray());
        var (_, csv) = await Export(store, new CsvExportRequest("arad", TimeRange.All) { Boards = ["station-1"] });
        var read = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => double.Parse(line.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(values, read);
    }

    [Fact]
    public async Task A_large_export_streams_to_a_file_and_every_row_is_there()
    {
        await using var store = await Stores.OpenAsync();
        for (int batch = 0; batch < 20; batch++)
        {
            store.Append("arad", "station-1", Enumerable.Range(0, 2500).Select(i => S("a", T0 + batch * 2500 + i, i)).ToArray());
            store.Append("arad", "station-2", Enumerable.Range(0, 2500).Select(i => S("b", T0 + batch * 2500 + i, -i)).ToArray());
        }
        await store.FlushAsync();
        string path = Stores.Folder.File("export.csv");
        await using (var file = new StreamWriter(path, false, new UTF8Encoding(false)))
            Assert.Equal(100_000, await store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All) { Boards = ["station-1", "station-2"] }, file));

        long lines = 0, last = 0;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            long t = long.Parse(line.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(t >= last);
            last = t;
            lines++;
        }
        Assert.Equal(100_000, lines);
    }

    [Fact]
    public async Task Cancelling_stops_an_export()
    {
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", Enumerable.Range(0, 50_000).Select(i => S("a", T0 + i, i)).ToArray());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All) { Boards = ["station-1"] }, new StringWriter(), cts.Token));
    }

    [Fact]
    public async Task Bad_requests_are_refused()
    {
        await using var store = await Stores.OpenAsync();
        var nothing = await Assert.ThrowsAsync<ArgumentException>(() => store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All), new StringWriter()));
        Assert.Contains("at least one series or board", nothing.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All) { Boards = ["a,b"] }, new StringWriter()));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All) { Series = [("station-1", "x\"y")] }, new StringWriter()));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ExportCsvAsync(new CsvExportRequest("a b", TimeRange.All) { Boards = ["station-1"] }, new StringWriter()));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with,comma", "\"with,comma\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("temperatură", "temperatură")]
    public void Fields_are_quoted_as_RFC_4180_wants(string field, string quoted) => Assert.Equal(quoted, TelemetryCsv.Quote(field));

    [Fact]
    public void Times_are_ISO_8601_UTC_with_milliseconds()
    {
        Assert.Equal("1970-01-01T00:00:00.000Z", TelemetryCsv.FormatTime(0));
        Assert.Equal("2026-11-21T10:00:00.007Z", TelemetryCsv.FormatTime(T0 + 7));
        Assert.Equal("9999-12-31T23:59:59.999Z", TelemetryCsv.FormatTime(TimeRange.MaxTimeMs));
    }
}

public sealed class SqliteCsvExportTests() : CsvExportTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresCsvExportTests(PostgresServer server) : CsvExportTests(new PostgresTestStores(server));
