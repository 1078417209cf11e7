using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

/// <summary>
/// AppendAsync, what the hub uses to acknowledge a board's message only after it is stored: it
/// completes after the commit, and a batch whose fingerprint is stored already (a redelivered MQTT
/// message) is not stored again — also after the store is reopened (the hub restarted).
/// </summary>
public abstract class AckAfterCommitTests(TestStores stores) : StoreTests(stores)
{
    sealed class Clock(long nowMs) : TimeProvider
    {
        public long NowMs = nowMs;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
    }

    static TelemetrySample[] Batch(long from, int count) => Enumerable.Range(0, count).Select(i => S("temperature", from + i * 100L, i)).ToArray();

    [Fact]
    public async Task A_completed_AppendAsync_is_visible_to_readers_without_a_flush()
    {
        await using var store = await Stores.OpenAsync();
        var result = await store.AppendAsync("arad", "board-1", Batch(T0, 20), fingerprint: 1);
        Assert.Equal(20, result.Accepted);
        Assert.False(result.Repeat);
        // No FlushAsync: the samples are committed when AppendAsync completes.
        var series = Assert.Single(await store.ListSeriesAsync("arad", "board-1"));
        Assert.Equal(20, series.Count);
    }

    [Fact]
    public async Task A_repeated_fingerprint_is_acknowledged_but_not_stored_again_even_after_reopening()
    {
        await using (var store = await Stores.OpenAsync())
        {
            Assert.False((await store.AppendAsync("arad", "board-1", Batch(T0, 10), fingerprint: 42)).Repeat);
            // The same message received again later: its wall-clock times differ, the fingerprint does not.
            var again = await store.AppendAsync("arad", "board-1", Batch(T0 + 5_000, 10), fingerprint: 42);
            Assert.True(again.Repeat);
            Assert.Equal(0, again.Accepted);
            // Another board may send a batch with the same bytes: it is its own.
            Assert.False((await store.AppendAsync("arad", "board-2", Batch(T0, 10), fingerprint: 42)).Repeat);
        }
        await using (var reopened = await Stores.OpenAsync())
        {
            Assert.True((await reopened.AppendAsync("arad", "board-1", Batch(T0 + 9_000, 10), fingerprint: 42)).Repeat);
            Assert.False((await reopened.AppendAsync("arad", "board-1", Batch(T0 + 9_000, 10), fingerprint: 43)).Repeat);
            Assert.Equal(20, Assert.Single(await reopened.ListSeriesAsync("arad", "board-1")).Count);
            Assert.Equal(10, Assert.Single(await reopened.ListSeriesAsync("arad", "board-2")).Count);
        }
    }

    [Fact]
    public async Task Concurrent_callers_share_transactions_and_each_batch_is_stored_once()
    {
        await using var store = await Stores.OpenAsync();
        const int Batches = 400;
        // Every batch is sent twice at once (a resend racing the original): one of each pair is a repeat.
        var tasks = Enumerable.Range(0, Batches).SelectMany(i => new[] { 0, 1 }.Select(copy => Task.Run(() =>
            store.AppendAsync("arad", "board-1", Batch(T0 + i * 10_000L + copy * 1_000, 5), fingerprint: 1000 + i)))).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(Batches, results.Count(r => r.Repeat));
        Assert.Equal(Batches * 5, results.Sum(r => r.Accepted));
        Assert.Equal(Batches * 5, Assert.Single(await store.ListSeriesAsync("arad", "board-1")).Count);
    }

    [Fact]
    public async Task Without_a_fingerprint_nothing_is_taken_for_a_repeat()
    {
        await using var store = await Stores.OpenAsync();
        Assert.False((await store.AppendAsync("arad", "board-1", Batch(T0, 3))).Repeat);
        Assert.False((await store.AppendAsync("arad", "board-1", Batch(T0 + 1_000, 3))).Repeat);
        Assert.Equal(6, Assert.Single(await store.ListSeriesAsync("arad", "board-1")).Count);
    }

    [Fact]
    public async Task Fingerprints_are_forgotten_after_the_repeat_window_counted_from_the_newest()
    {
        var clock = new Clock(T0);
        await using var store = await Stores.OpenAsync(new TelemetryStoreOptions { TimeProvider = clock, RepeatWindow = TimeSpan.FromHours(1) });
        await store.AppendAsync("arad", "board-1", Batch(T0, 1), fingerprint: 1);
        // The hub was down for a day: that does not age the fingerprints.
        clock.NowMs = T0 + 86_400_000;
        await store.ApplyRetentionAsync();
        Assert.True((await store.AppendAsync("arad", "board-1", Batch(T0 + 1, 1), fingerprint: 1)).Repeat);
        // Two hours of ingest later, the first fingerprint is out of the window; the newer one stays.
        clock.NowMs += 2 * 3_600_000;
        await store.AppendAsync("arad", "board-1", Batch(T0 + 2, 1), fingerprint: 2);
        await store.ApplyRetentionAsync();
        Assert.False((await store.AppendAsync("arad", "board-1", Batch(T0 + 3, 1), fingerprint: 1)).Repeat);
        Assert.True((await store.AppendAsync("arad", "board-1", Batch(T0 + 4, 1), fingerprint: 2)).Repeat);
    }

    [Fact]
    public async Task Invalid_samples_are_rejected_and_a_resend_of_their_batch_is_a_repeat()
    {
        await using var store = await Stores.OpenAsync();
        var bad = new[] { S("temperature", T0, double.NaN) };
        var first = await store.AppendAsync("arad", "board-1", bad, fingerprint: 7);
        Assert.Equal((0, 1), (first.Accepted, first.Rejected));
        Assert.True((await store.AppendAsync("arad", "board-1", bad, fingerprint: 7)).Repeat);
    }

    [Fact]
    public async Task AppendAsync_after_disposal_throws()
    {
        var store = await Stores.OpenAsync();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync("arad", "board-1", Batch(T0, 1), fingerprint: 1));
    }
}

public sealed class SqliteAckAfterCommitTests() : AckAfterCommitTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresAckAfterCommitTests(PostgresServer server) : AckAfterCommitTests(new PostgresTestStores(server));
