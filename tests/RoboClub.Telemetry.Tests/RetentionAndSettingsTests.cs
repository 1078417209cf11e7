using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

public abstract class RetentionAndSettingsTests(TestStores stores) : StoreTests(stores)
{
    const long Day = 86_400_000;

    /// <summary>A clock that says what the test wants.</summary>
    sealed class FixedClock(long nowMs) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
    }

    [Fact]
    public async Task Settings_default_to_none_and_are_kept_per_club()
    {
        await using (var store = await Stores.OpenAsync())
        {
            Assert.Equal(ClubSettings.Default, await store.GetClubSettingsAsync("arad"));
            await store.SetClubSettingsAsync("arad", new ClubSettings(30, 1000));
            await store.SetClubSettingsAsync("cluj", new ClubSettings(null, 250));
            await store.SetClubSettingsAsync("arad", new ClubSettings(7, 500)); // replaces
        }
        await using (var reopened = await Stores.OpenAsync())
        {
            Assert.Equal(new ClubSettings(7, 500), await reopened.GetClubSettingsAsync("arad"));
            Assert.Equal(new ClubSettings(null, 250), await reopened.GetClubSettingsAsync("cluj"));
        }
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(36_501, null)]
    [InlineData(null, 9)]
    [InlineData(null, 3_600_001)]
    public async Task Out_of_range_settings_are_refused(int? retentionDays, int? sampleIntervalMs)
    {
        await using var store = await Stores.OpenAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SetClubSettingsAsync("arad", new ClubSettings(retentionDays, sampleIntervalMs)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetClubSettingsAsync("bad club", ClubSettings.Default));
        Assert.Equal(ClubSettings.Default, await store.GetClubSettingsAsync("arad"));
    }

    [Fact]
    public async Task Retention_deletes_only_older_samples_of_clubs_that_set_it_and_keeps_summaries_right()
    {
        long now = T0 + 10 * Day;
        await using var store = await Stores.OpenAsync(new TelemetryStoreOptions { TimeProvider = new FixedClock(now) });
        // Arad: one sample every 7 minutes 3 seconds for 10 days; cutoff (3 days) falls inside a second, minute and hour.
        var arad = new List<TelemetrySample>();
        for (long t = T0 + 1234; t < now; t += 423_000) arad.Add(S("temperature", t, t % 1000 + t / 423_000 % 17));
        // Two samples around the cutoff, in its very second.
        long cutoff = now - 3 * Day;
        arad.Add(S("temperature", cutoff - 1, -50));
        arad.Add(S("temperature", cutoff, 50));
        store.Append("arad", "station-1", arad);
        store.Append("arad", "station-1", [S("humidity", T0, 1)]); // entirely old: the series empties
        store.Append("cluj", "station-1", [S("temperature", T0, 1), S("temperature", now - 1, 2)]);
        await store.SetClubSettingsAsync("arad", new ClubSettings(3, null));
        await store.FlushAsync();

        long expectedDeleted = arad.Count(s => s.TimeMs < cutoff) + 1;
        Assert.Equal(expectedDeleted, await store.ApplyRetentionAsync());
        Assert.Equal(0, await store.ApplyRetentionAsync()); // nothing more to do

        var kept = arad.Where(s => s.TimeMs >= cutoff).OrderBy(s => s.TimeMs).ToList();
        var series = await store.ListSeriesAsync("arad", "station-1");
        Assert.Equal([new SeriesInfo("temperature", cutoff, kept[^1].TimeMs, kept.Count)], series); // humidity is gone from the list
        Assert.Equal(2, (await store.ListSeriesAsync("cluj", "station-1"))[0].Count);             // no retention set: untouched

        // Buckets over the whole history (read from summaries) agree with the samples left.
        foreach (int buckets in new[] { 3, 50, 500 })
        {
            var r = await store.QueryRangeAsync(new("arad", "station-1", "temperature"), new TimeRange(T0, now), buckets);
            Assert.True(r.IsBucketed);
            Assert.Equal(kept.Count, r.Buckets.Sum(b => b.Count));
            Assert.Equal(kept.Min(s => s.Value), r.Buckets.Min(b => b.Min));
            Assert.Equal(kept.Max(s => s.Value), r.Buckets.Max(b => b.Max));
            Assert.Equal(kept.Sum(s => s.Value), r.Buckets.Sum(b => b.Avg * b.Count), 1e-6);
            Assert.True(r.Buckets[0].StartMs + r.BucketWidthMs > cutoff, "a bucket before the cutoff still has samples");
        }
    }
}

public sealed class SqliteRetentionAndSettingsTests() : RetentionAndSettingsTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresRetentionAndSettingsTests(PostgresServer server) : RetentionAndSettingsTests(new PostgresTestStores(server));
