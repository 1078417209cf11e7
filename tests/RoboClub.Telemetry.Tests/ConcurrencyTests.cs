using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

public abstract class ConcurrencyTests(TestStores stores) : StoreTests(stores)
{
    /// <summary>
    /// Boards append from several threads while readers list, query, export and read the latest
    /// values: readers never fail, never see a count go down, and everything arrives in the end.
    /// </summary>
    [Fact]
    public async Task Appending_from_several_threads_while_reading_loses_nothing_and_readers_see_consistent_data()
    {
        await using var store = await Stores.OpenAsync();
        const int Boards = 4, Batches = 300, BatchSize = 50;
        var key = new SeriesKey("arad", "board-0", "temperature");
        using var stop = new CancellationTokenSource();
        // Writers start only after each reader has read once, so reads overlap the writes
        // even when the thread pool would otherwise run every writer before any reader.
        var readersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int readersWaiting = 2;

        var writers = Enumerable.Range(0, Boards).Select(b => Task.Run(async () =>
        {
            await readersStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            for (int i = 0; i < Batches; i++)
            {
                var batch = Enumerable.Range(0, BatchSize).Select(j => S(j % 2 == 0 ? "temperature" : "humidity", T0 + (i * BatchSize + j) * 10L, j)).ToArray();
                Assert.Equal(BatchSize, store.Append("arad", $"board-{b}", batch).Accepted);
            }
        })).ToArray();

        var readers = Enumerable.Range(0, 2).Select(reader => Task.Run(async () =>
        {
            long lastCount = 0;
            int reads = 0;
            while (!stop.IsCancellationRequested)
            {
                var series = await store.ListSeriesAsync("arad", "board-0");
                long count = series.FirstOrDefault(s => s.Series == "temperature")?.Count ?? 0;
                Assert.True(count >= lastCount, "a count went down");
                lastCount = count;
                var range = await store.QueryRangeAsync(key, TimeRange.All, 100);
                Assert.True((range.IsBucketed ? range.Buckets.Sum(b => b.Count) : range.Points.Count) >= count);
                if (reader == 0)
                {
                    var csv = new StringWriter();
                    long rows = await store.ExportCsvAsync(new CsvExportRequest("arad", TimeRange.All) { Series = [("board-0", "temperature")] }, csv);
                    Assert.Equal(rows + 1, csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
                }
                else await store.LatestAsync("arad", "board-1");
                if (reads++ == 0 && Interlocked.Decrement(ref readersWaiting) == 0) readersStarted.SetResult();
            }
            return reads;
        })).ToArray();

        await Task.WhenAll(writers);
        await store.FlushAsync();
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        for (int b = 0; b < Boards; b++)
        {
            var series = await store.ListSeriesAsync("arad", $"board-{b}");
            Assert.Equal(2, series.Count);
            Assert.All(series, s => Assert.Equal(Batches * BatchSize / 2, s.Count));
        }
        Assert.Equal(new TelemetryStoreStats(Boards * Batches * BatchSize, 0, 0, Boards * Batches * BatchSize, 0), store.Stats);
    }

    [Fact]
    public async Task Deletes_and_retention_queued_between_appends_do_not_mix_up_series()
    {
        await using var store = await Stores.OpenAsync();
        store.Append("arad", "station-1", [S("temperature", T0, 1)]);
        var delete = store.DeleteBoardAsync("arad", "station-1"); // runs after the append above
        store.Append("arad", "station-1", [S("temperature", T0 + 1, 2)]); // after the delete: a new series
        Assert.Equal(1, await delete);
        await store.FlushAsync();
        var r = await store.QueryRangeAsync(new("arad", "station-1", "temperature"), TimeRange.All, 10);
        Assert.Equal([new DataPoint(T0 + 1, 2)], r.Points);
    }
}

public sealed class SqliteConcurrencyTests() : ConcurrencyTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresConcurrencyTests(PostgresServer server) : ConcurrencyTests(new PostgresTestStores(server));
