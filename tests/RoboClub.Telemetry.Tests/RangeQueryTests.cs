using static RoboClub.Telemetry.Tests.Samples;

namespace RoboClub.Telemetry.Tests;

public abstract class RangeQueryTests(TestStores stores) : StoreTests(stores)
{
    static readonly SeriesKey Temperature = new("arad", "station-1", "temperature");

    [Fact]
    public async Task Few_samples_come_back_raw_in_time_order_and_the_range_end_is_exclusive()
    {
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0 + 30, 3), S("temperature", T0 + 10, 1), S("temperature", T0 + 20, 2), S("temperature", T0 + 40, 4), S("humidity", T0 + 20, 50));

        var r = await store.QueryRangeAsync(Temperature, new TimeRange(T0 + 10, T0 + 40), 3);
        Assert.False(r.IsBucketed);
        Assert.Equal([new DataPoint(T0 + 10, 1), new DataPoint(T0 + 20, 2), new DataPoint(T0 + 30, 3)], r.Points);
        Assert.Empty(r.Buckets);

        Assert.Empty((await store.QueryRangeAsync(Temperature, new TimeRange(T0 + 10, T0 + 10), 3)).Points);
        Assert.Empty((await store.QueryRangeAsync(new("arad", "station-1", "unknown"), TimeRange.All, 3)).Points);
    }

    [Fact]
    public async Task More_samples_than_asked_for_come_back_as_buckets_with_min_max_avg_count()
    {
        await using var store = await Stores.OpenAsync();
        // 10 samples 100 ms apart, asked as 2 buckets over 1 s: 500 ms each (under a second: raw samples grouped in SQL).
        await store.AppendAndFlush("arad", "station-1", Enumerable.Range(0, 10).Select(i => S("temperature", T0 + i * 100, i)).ToArray());

        var r = await store.QueryRangeAsync(Temperature, new TimeRange(T0, T0 + 1000), 2);
        Assert.True(r.IsBucketed);
        Assert.Equal(500, r.BucketWidthMs);
        Assert.Empty(r.Points);
        Assert.Equal([new Bucket(T0, 0, 4, 2, 5), new Bucket(T0 + 500, 5, 9, 7, 5)], r.Buckets);
    }

    [Fact]
    public async Task Empty_buckets_are_left_out()
    {
        await using var store = await Stores.OpenAsync();
        await store.AppendAndFlush("arad", "station-1", S("temperature", T0, 1), S("temperature", T0 + 1, 3), S("temperature", T0 + 9_000, 5));
        var r = await store.QueryRangeAsync(Temperature, new TimeRange(T0, T0 + 10_000), 2);
        Assert.Equal([new Bucket(T0, 1, 3, 2, 2), new Bucket(T0 + 5_000, 5, 5, 5, 1)], r.Buckets);
    }

    /// <summary>
    /// Random data over ~3 days, random ranges of every size (sub-second buckets from raw samples,
    /// second/minute/hour summaries with raw edges): every bucket agrees with a brute-force pass.
    /// </summary>
    [Fact]
    public async Task Buckets_match_a_brute_force_computation_over_random_data()
    {
        var random = new Random(20261121);
        var data = new SortedDictionary<long, double>();
        long t = T0 - 123; // not on a whole second
        for (int i = 0; i < 40_000; i++)
        {
            // Bursts of close samples and long gaps, so ranges cut through seconds, minutes and hours.
            t += random.Next(4) == 0 ? random.Next(1, 20_000) : random.Next(1, 300);
            data[t] = Math.Round(random.NextDouble() * 200 - 100, 3);
        }
        await using var store = await Stores.OpenAsync();
        var all = data.Select(kv => S("temperature", kv.Key, kv.Value)).ToArray();
        foreach (var chunk in all.Chunk(997)) store.Append("arad", "station-1", chunk);
        await store.FlushAsync();

        long first = data.Keys.First(), last = data.Keys.Last();
        int bucketed = 0;
        var levels = new HashSet<long>(); // which summary level each bucketed answer came from (0: raw samples)
        for (int q = 0; q < 80; q++)
        {
            long from = first - 5000 + (long)(random.NextDouble() * (last - first));
            long length = (long)Math.Pow(10, 2 + random.NextDouble() * 7); // 100 ms .. 3 years
            int maxPoints = random.Next(1, 3000);
            // A few fixed ones reach every level: the whole series in 3 buckets (6 h), three years in 5 (days), 2 s in 3 (raw).
            if (q == 0) (from, length, maxPoints) = (first - 1, last - first + 2, 3);
            if (q == 1) (from, length, maxPoints) = (first - 100_000_000_000, 100_000_000_000 + last - first + 1, 5);
            if (q == 2) (from, length, maxPoints) = (first, 2000, 3);
            var range = new TimeRange(from, from + length);
            var r = await store.QueryRangeAsync(Temperature, range, maxPoints);
            var inRange = data.Where(kv => range.Contains(kv.Key)).ToList();

            if (!r.IsBucketed)
            {
                Assert.True(inRange.Count <= maxPoints);
                Assert.Equal(inRange.Select(kv => new DataPoint(kv.Key, kv.Value)), r.Points);
                continue;
            }
            bucketed++;
            levels.Add(RollupLevels.WidthsMs.LastOrDefault(w => w <= r.BucketWidthMs));
            Assert.True(inRange.Count > maxPoints);
            Assert.True(r.Buckets.Count <= maxPoints, $"{r.Buckets.Count} buckets for {maxPoints} asked");
            Assert.True(r.BucketWidthMs * maxPoints >= range.LengthMs);
            var expected = inRange.GroupBy(kv => (kv.Key - r.Buckets[0].StartMs) / r.BucketWidthMs).OrderBy(g => g.Key).ToList();
            Assert.Equal(expected.Count, r.Buckets.Count);
            for (int k = 0; k < expected.Count; k++)
            {
                var b = r.Buckets[k];
                var g = expected[k];
                Assert.Equal(r.Buckets[0].StartMs + g.Key * r.BucketWidthMs, b.StartMs);
                Assert.Equal(g.Count(), b.Count);
                Assert.Equal(g.Min(kv => kv.Value), b.Min);
                Assert.Equal(g.Max(kv => kv.Value), b.Max);
                Assert.Equal(g.Average(kv => kv.Value), b.Avg, 1e-9);
            }
            Assert.Equal(inRange.Count, r.Buckets.Sum(b => b.Count));
            // Buckets under a second start at the range's start; wider ones on whole seconds (minutes, hours).
            long start = r.Buckets[0].StartMs, width = r.BucketWidthMs;
            if (width < 1000) Assert.Equal(0, (start - range.FromMs) % width);
            else Assert.Equal(0, start % 1000);
        }
        Assert.True(bucketed > 20, $"only {bucketed} of the random queries were bucketed");
        Assert.True(levels.Count >= 8 && levels.Contains(0) && levels.Contains(1000) && levels.Contains(86_400_000), $"only levels {string.Join(", ", levels)} were used");
    }

    [Fact]
    public async Task Bad_ranges_and_point_counts_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => new TimeRange(T0 + 1, T0));
        Assert.Contains("starts (2026-11-21T10:00:00.001Z) after it ends (2026-11-21T10:00:00.000Z)", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeRange(-1, T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeRange(0, TimeRange.MaxTimeMs + 2));
        Assert.Equal(TimeRange.MaxTimeMs + 1, TimeRange.All.ToMs);

        await using var store = await Stores.OpenAsync();
        var range = new TimeRange(T0, T0 + 1000);
        var tooMany = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryRangeAsync(Temperature, range, ITelemetryStore.MaxPoints + 1));
        Assert.Contains("1 to 10000", tooMany.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryRangeAsync(Temperature, range, 0));
    }
}

public sealed class SqliteRangeQueryTests() : RangeQueryTests(new SqliteTestStores());

[Collection(PostgresServer.Collection)]
public sealed class PostgresRangeQueryTests(PostgresServer server) : RangeQueryTests(new PostgresTestStores(server));
