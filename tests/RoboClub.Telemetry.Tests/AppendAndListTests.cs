using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

public abstract class AppendAndListTests(TestStores stores) : StoreTests(stores)
{
    [Fact]
    public async Task Listing_gives_each_series_with_first_and_last_time_and_count()
    {
        await using var store = await Stores.OpenAsync();
        var result = store.Append("arad", "station-1", [S("temperature", T0 + 2000, 21.5), S("humidity", T0, 48), S("temperature", T0, 21.0), S("temperature", T0 + 1000, 21.2)]);
        Assert.Equal(new AppendResult(4, 0, 0, null), result);
        store.Append("arad", "station-1", [S("temperature", T0 + 5000, 22)]); // a second batch extends the series
        store.Append("arad", "robot-2", [S("speed", T0, 3)]);                 // another board
        store.Append("cluj", "station-1", [S("wind", T0, 3)]);                // another club, same board name
        await store.FlushAsync();

        var series = await store.ListSeriesAsync("arad", "station-1");
        Assert.Equal([new SeriesInfo("humidity", T0, T0, 1), new SeriesInfo("temperature", T0, T0 + 5000, 4)], series);
        Assert.Equal([new SeriesInfo("speed", T0, T0, 1)], await store.ListSeriesAsync("arad", "robot-2"));
        Assert.Equal([new SeriesInfo("wind", T0, T0, 1)], await store.ListSeriesAsync("cluj", "station-1"));
        Assert.Empty(await store.ListSeriesAsync("arad", "nobody"));
        Assert.Equal(new TelemetryStoreStats(7, 0, 0, 7, 0), store.Stats);
    }

    [Fact]
    public async Task Latest_gives_the_newest_sample_of_each_series_even_when_it_arrived_first()
    {
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 9000, 23.25), S("humidity", T0, 40));
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 1000, 20), S("humidity", T0 + 500, 41.5)); // older temperature, newer humidity

        Assert.Equal([new LatestValue("humidity", T0 + 500, 41.5), new LatestValue("temperature", T0 + 9000, 23.25)], await store.LatestAsync("arad", "station-1"));
        Assert.Empty(await store.LatestAsync("arad", "station-2"));
    }

    [Fact]
    public async Task A_repeated_series_and_millisecond_keeps_the_first_value_like_a_QoS1_redelivery()
    {
        await using var store = await Stores.OpenAsync();
        TelemetrySample[] batch = [S("temperature", T0, 20), S("temperature", T0 + 1000, 21)];
        await store.AppendAndFlush("arad", "station-1", batch);
        await store.AppendAndFlush("arad", "station-1", batch); // the broker delivered the batch twice
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 99));

        Assert.Equal([new SeriesInfo("temperature", T0, T0 + 1000, 2)], await store.ListSeriesAsync("arad", "station-1"));
        var range = await store.QueryRangeAsync(new("arad", "station-1", "temperature"), new TimeRange(T0, T0 + 2000), 100);
        Assert.Equal([new DataPoint(T0, 20), new DataPoint(T0 + 1000, 21)], range.Points);
    }

    [Fact]
    public async Task Invalid_samples_are_rejected_one_by_one_and_the_valid_ones_kept()
    {
        await using var store = await Stores.OpenAsync();
        var result = store.Append("arad", "station-1",
        [
            S("temperature", T0, 21),
            S("temperature", T0 + 1, double.NaN),
            S("temperature", T0 + 2, double.PositiveInfinity),
            S("temperature", T0 + 3, double.NegativeInfinity),
            S("bad name", T0, 1),
            S("", T0, 1),
            S(new string('x', 33), T0, 1),
            S("a/b", T0, 1),
            S("line\nbreak", T0, 1),
            S("temperature", -1, 1),
            S("temperature", TimeRange.MaxTimeMs + 1, 1),
            S("temperatură", T0, 5),        // Romanian letters are fine
            S("umiditate_sol.2", T0, 6),
        ]);
        Assert.Equal(3, result.Accepted);
        Assert.Equal(10, result.Rejected);
        Assert.Equal(0, result.Dropped);
        Assert.Contains("NaN", result.FirstProblem);
        await store.FlushAsync();

        var names = (await store.ListSeriesAsync("arad", "station-1")).Select(s => s.Series);
        Assert.Equal(["temperature", "temperatură", "umiditate_sol.2"], names);
        Assert.Equal(10, store.Stats.Rejected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("plus+")]
    [InlineData("hash#")]
    [InlineData("slash/")]
    [InlineData("comma,")]
    [InlineData("quote\"")]
    [InlineData("ctrl\u0001")]
    [InlineData("emoji😀")]
    [InlineData("123456789012345678901234567890123")]
    public async Task Bad_club_board_and_series_names_are_refused_with_a_clear_message(string bad)
    {
        await using var store = await Stores.OpenAsync();
        var e = Assert.Throws<ArgumentException>(() => store.Append(bad, "station-1", [S("t", T0, 1)]));
        Assert.Contains("club name", e.Message);
        e = Assert.Throws<ArgumentException>(() => store.Append("arad", bad, [S("t", T0, 1)]));
        Assert.Contains("board name", e.Message);
        Assert.DoesNotContain('\u0001', e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ListSeriesAsync("arad", bad));
        await Assert.ThrowsAsync<ArgumentException>(() => store.LatestAsync(bad, "station-1"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.QueryRangeAsync(new("arad", "station-1", bad), new TimeRange(0, 1), 10));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteBoardAsync("arad", bad));
        Assert.Equal(1, store.Append("arad", "station-1", [S(bad, T0, 1)]).Rejected);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("station-1")]
    [InlineData("Stația_Meteo.2")]
    [InlineData("ăâîșțĂÂÎȘȚşţŞŢ")]
    [InlineData("12345678901234567890123456789012")]
    public void Good_names_pass(string name) => Assert.Null(TelemetryNames.Problem(name));

    [Fact]
    public async Task Deleting_a_board_removes_its_series_and_samples_only()
    {
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 1), S("temperature", T0 + 1, 2), S("humidity", T0, 3));
        await store.AppendAndFlush("arad", "station-2", S("temperature", T0, 4));

        Assert.Equal(3, await store.DeleteBoardAsync("arad", "station-1"));
        Assert.Empty(await store.ListSeriesAsync("arad", "station-1"));
        Assert.Empty((await store.QueryRangeAsync(new("arad", "station-1", "temperature"), TimeRange.All, 10)).Points);
        Assert.Single(await store.ListSeriesAsync("arad", "station-2"));

        // The board may come back: its series are created again.
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 7, 5));
        Assert.Equal([new SeriesInfo("temperature", T0 + 7, T0 + 7, 1)], await store.ListSeriesAsync("arad", "station-1"));
        Assert.Equal(0, await store.DeleteBoardAsync("arad", "never-seen"));
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_samples_and_Append_never_waits()
    {
        await using var store = await Stores.OpenAsync(new TelemetryStoreOptions { MaxQueuedSamples = 100 });
        using var writerBusy = new ManualResetEventSlim();
        var blocker = Stores.BlockWriter(store, writerBusy);

        var batch = Enumerable.Range(0, 50).Select(i => S("temperature", T0 + i, i)).ToArray();
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(50, store.Append("arad", "station-1", batch).Accepted);
        Assert.Equal(50, store.Append("arad", "station-2", batch).Accepted);
        var full = store.Append("arad", "station-3", batch);
        Assert.True(started.ElapsedMilliseconds < 1000, "Append waited for the busy writer");
        Assert.Equal(new AppendResult(0, 0, 50, null), full);
        Assert.Equal(100, store.Stats.Queued);

        writerBusy.Set();
        await blocker;
        await store.FlushAsync();
        Assert.Equal(new TelemetryStoreStats(100, 0, 50, 100, 0), store.Stats);
        Assert.Empty(await store.ListSeriesAsync("arad", "station-3"));
        Assert.Equal(50, store.Append("arad", "station-3", batch).Accepted); // room again
    }
}

public sealed class SqliteAppendAndListTests() : AppendAndListTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresAppendAndListTests(PostgresServer server) : AppendAndListTests(new PostgresTestStores(server));
