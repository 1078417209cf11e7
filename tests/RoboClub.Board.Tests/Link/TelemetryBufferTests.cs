using RoboClub.Board.Link;

namespace RoboClub.Board.Tests.Link;

public class TelemetryBufferTests
{
    private static List<long> Drain(TelemetryBuffer buffer, int batchSize = 7)
    {
        var times = new List<long>();
        var batch = new TelemetryBatch(batchSize);
        while (buffer.TakeBatch(batch) > 0)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                times.Add(batch.Time(i));
            }

            buffer.Commit();
        }

        return times;
    }

    [Fact]
    public void Keeps_samples_in_order_with_series_names()
    {
        var b = new TelemetryBuffer(10, 4);
        Assert.True(b.Add(1, "temperature", 20.5));
        Assert.True(b.Add(2, "humidity", 40));
        Assert.True(b.Add(3, "temperature", 20.7));
        Assert.Equal(3, b.Count);
        Assert.Equal(2, b.SeriesCount);
        var batch = new TelemetryBatch(10);
        Assert.Equal(3, b.TakeBatch(batch));
        Assert.Equal("temperature", batch.Series(0));
        Assert.Equal("humidity", batch.Series(1));
        Assert.Equal(20.7, batch.Value(2));
        Assert.Equal(3, b.Count); // not removed before Commit
        b.Commit();
        Assert.Equal(0, b.Count);
    }

    [Fact]
    public void Full_store_drops_oldest_first_and_counts()
    {
        var b = new TelemetryBuffer(5, 2);
        for (int t = 1; t <= 8; t++)
        {
            b.Add(t, "x", t);
        }

        Assert.Equal(5, b.Count);
        Assert.Equal(3, b.Dropped);
        var batch = new TelemetryBatch(10);
        b.TakeBatch(batch);
        Assert.Equal(3, batch.Dropped);
        Assert.Equal(new long[] { 4, 5, 6, 7, 8 }, Enumerable.Range(0, batch.Count).Select(batch.Time));
        b.Commit();
        Assert.Equal(0, b.Dropped); // reset once reported
    }

    [Fact]
    public void Failed_publish_loses_nothing_and_duplicates_nothing()
    {
        var b = new TelemetryBuffer(100, 2);
        for (int t = 0; t < 30; t++)
        {
            b.Add(t, "x", t);
        }

        var batch = new TelemetryBatch(10);
        var delivered = new List<long>();
        int attempt = 0;
        while (b.TakeBatch(batch) > 0)
        {
            attempt++;
            if (attempt % 2 == 1)
            {
                b.Abort(); // publish failed
                continue;
            }

            for (int i = 0; i < batch.Count; i++)
            {
                delivered.Add(batch.Time(i));
            }

            b.Commit();
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), delivered);
        Assert.Equal(0, b.Dropped);
    }

    [Fact]
    public void Take_without_commit_is_an_abort()
    {
        var b = new TelemetryBuffer(10, 2);
        b.Add(1, "x", 1);
        b.Add(2, "x", 2);
        var batch = new TelemetryBatch(1);
        b.TakeBatch(batch);
        Assert.Equal(1, batch.Time(0));
        b.TakeBatch(batch);
        Assert.Equal(1, batch.Time(0)); // same oldest sample again
        b.Commit();
        b.TakeBatch(batch);
        Assert.Equal(2, batch.Time(0));
    }

    [Fact]
    public void Samples_pushed_out_of_a_batch_in_flight_are_counted_only_if_it_fails()
    {
        // Delivered: not counted as dropped, and not removed twice.
        var b = new TelemetryBuffer(4, 1);
        for (int t = 1; t <= 4; t++)
        {
            b.Add(t, "x", t);
        }

        var batch = new TelemetryBatch(2);
        b.TakeBatch(batch); // 1, 2
        b.Add(5, "x", 5);   // pushes out 1 (in flight)
        Assert.Equal(0, b.Dropped);
        b.Commit();         // 1 and 2 delivered; only 2 still needed removing
        Assert.Equal(new long[] { 3, 4, 5 }, Drain(b));
        Assert.Equal(0, b.Dropped);

        // Failed: the pushed-out sample is lost and counted.
        var c = new TelemetryBuffer(4, 1);
        for (int t = 1; t <= 4; t++)
        {
            c.Add(t, "x", t);
        }

        c.TakeBatch(batch); // 1, 2
        c.Add(5, "x", 5);   // pushes out 1
        c.Abort();
        Assert.Equal(1, c.Dropped);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, Drain(c));
    }

    [Fact]
    public void Drops_during_an_outstanding_batch_are_reported_later()
    {
        var b = new TelemetryBuffer(2, 1);
        b.Add(1, "x", 1);
        b.Add(2, "x", 2);
        b.Add(3, "x", 3); // drops 1
        var batch = new TelemetryBatch(1);
        b.TakeBatch(batch);
        Assert.Equal(1, batch.Dropped);
        b.Add(4, "x", 4); // pushes out 2 (in flight)
        b.Add(5, "x", 5); // drops 3 (not in the batch any more) -> counted
        b.Commit();
        Assert.Equal(1, b.Dropped); // the first drop was reported, the later one is still to report
    }

    [Fact]
    public void Refuses_bad_samples()
    {
        var b = new TelemetryBuffer(10, 2);
        Assert.False(b.Add(1, "bad name", 1));
        Assert.False(b.Add(1, "", 1));
        Assert.False(b.Add(1, new string('a', 33), 1));
        Assert.False(b.Add(1, "x", double.NaN));
        Assert.False(b.Add(1, "x", double.PositiveInfinity));
        Assert.True(b.Add(1, "y", 1));
        Assert.False(b.Add(1, "z", 1)); // series table full (x and y)
        Assert.False(b.Add(1, 7, 1.0));
        Assert.Equal(7, b.Rejected);
        Assert.Equal(1, b.Count);
        Assert.Equal(0, b.SeriesIndex("x"));
        Assert.True(b.Add(2, 0, 2.0));
    }

    [Fact]
    public void Capacity_2000_like_an_esp32()
    {
        var b = new TelemetryBuffer(2000, 32);
        for (int t = 0; t < 2500; t++)
        {
            b.Add(t, t % 2 == 0 ? "temperature" : "humidity", t);
        }

        Assert.Equal(2000, b.Capacity);
        Assert.Equal(2000, b.Count);
        Assert.Equal(500, b.Dropped);
        Assert.Equal(Enumerable.Range(500, 2000).Select(i => (long)i), Drain(b, 50));
    }

    [Fact]
    public void Adding_does_not_allocate()
    {
        var b = new TelemetryBuffer(100, 4);
        int s = b.SeriesIndex("temperature");
        b.Add(0, "temperature", 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 1000; t++)
        {
            b.Add(t, "temperature", t);
            b.Add(t, s, t);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Concurrent_adds_and_drains_keep_every_sample_once()
    {
        var b = new TelemetryBuffer(100000, 1);
        const int n = 50000;
        var writer = new Thread(() =>
        {
            for (int t = 0; t < n; t++)
            {
                b.Add(t, "x", t);
            }
        });
        writer.Start();
        var got = new List<long>();
        var batch = new TelemetryBatch(50);
        while (writer.IsAlive || b.Count > 0)
        {
            int k = b.TakeBatch(batch);
            for (int i = 0; i < k; i++)
            {
                got.Add(batch.Time(i));
            }

            b.Commit();
        }

        writer.Join();
        Assert.Equal(Enumerable.Range(0, n).Select(i => (long)i), got);
    }
}
