using RoboClub.Board.Link;

namespace RoboClub.Firmware.Tests;

/// <summary>Store-and-forward on flash: bounded, in order, dated correctly even across a reboot.</summary>
public class TelemetrySpoolTests
{
    private const long Nov2026 = 1795000000000;
    private readonly MemoryFlash _flash = new();
    private readonly FakeSystemTime _time = new() { UtcMs = Nov2026 };
    private readonly FakeSender _sender = new();

    private static List<TelemetryPayload> Decoded(FakeSender s) => s.Sent.Select(TelemetryPayload.Decode).ToList();

    private (TelemetryBuffer Ram, TelemetrySpool Spool) Boot(int bootNumber)
    {
        var ram = new TelemetryBuffer(300, 32);
        return (ram, new TelemetrySpool(_flash, ram, new WallClock(_time), bootNumber));
    }

    [Fact]
    public void Samples_go_to_flash_while_the_hub_is_away_and_come_back_in_order()
    {
        var (ram, spool) = Boot(1);
        for (int i = 0; i < 120; i++)
        {
            ram.Add(i * 1000, "temperature", 20 + i * 0.1);
            spool.Tick(i * 1000, false, _sender);
        }
        Assert.Equal(20, ram.Count); // 2 chunks of 50 parked
        Assert.NotEmpty(_flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix));

        for (int i = 0; i < 5; i++) spool.Tick(130_000 + i, true, _sender);
        var batches = Decoded(_sender);
        Assert.Equal(2, batches.Count);
        var times = batches.SelectMany(b => b.Times).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 1000L), times);
        Assert.Equal(130_000, batches[0].NowMs); // same boot: board time
        Assert.Equal(20.0, batches[0].Values[0], 6);
        Assert.Empty(_flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix));
    }

    [Fact]
    public void A_few_samples_are_parked_after_five_minutes()
    {
        var (ram, spool) = Boot(1);
        spool.Tick(0, false, _sender);
        ram.Add(1000, "rain", 0.2794);
        spool.Tick(TelemetrySpool.ParkIntervalMs - 1, false, _sender);
        Assert.Equal(1, ram.Count);
        spool.Tick(TelemetrySpool.ParkIntervalMs, false, _sender);
        Assert.Equal(0, ram.Count);
    }

    [Fact]
    public void Samples_of_an_earlier_boot_are_dated_by_the_wall_clock()
    {
        var (ram, spool) = Boot(1);
        for (int i = 0; i < 50; i++) ram.Add(60_000 + i * 1000, "humidity", 50);
        spool.Tick(110_000, false, _sender); // wall clock: Nov2026 at board time 110 s

        // Reboot; an hour later the hub is back.
        _time.UtcMs = Nov2026 + 3_600_000;
        var (_, after) = Boot(2);
        after.Tick(5_000, true, _sender);
        var batch = Assert.Single(Decoded(_sender));
        Assert.Equal(0, batch.Times[0]);
        // The hub computes wall = received - (now - t): the first sample is 1 h + 50 s old.
        Assert.Equal(3_600_000 + 50_000, batch.NowMs - batch.Times[0]);
        Assert.Equal(3_600_000 + 1_000, batch.NowMs - batch.Times[49]);
    }

    [Fact]
    public void Samples_of_an_earlier_boot_without_a_clock_are_dropped_and_counted()
    {
        _time.UtcMs = 1000; // never set
        var (ram, spool) = Boot(1);
        for (int i = 0; i < 50; i++) ram.Add(i, "temperature", 20);
        spool.Tick(100, false, _sender);

        var (_, after) = Boot(2);
        for (int i = 0; i < 3; i++) after.Tick(5_000 + i, true, _sender);
        var batch = Assert.Single(Decoded(_sender));
        Assert.Empty(batch.Times);
        Assert.Equal(50, batch.Dropped);
    }

    [Fact]
    public void Flash_is_bounded_and_what_is_pushed_out_is_counted()
    {
        var (ram, spool) = Boot(1);
        long t = 0;
        for (int chunk = 0; chunk < 200; chunk++)
        {
            for (int i = 0; i < TelemetrySpool.ChunkSamples; i++) ram.Add(t++, "wind", 3.5);
            spool.Tick(t, false, _sender);
        }
        var segments = _flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix);
        Assert.Equal(TelemetrySpool.MaxSegments, segments.Length);
        Assert.True(segments.Sum(s => _flash.Length(s)) <= TelemetrySpool.MaxSegments * TelemetrySpool.SegmentBytes);
        Assert.True(spool.DroppedOnFlash > 0);

        long kept = 0;
        for (int i = 0; i < 1000 && _flash.List(TelemetrySpool.Folder, TelemetrySpool.Prefix).Length > 0; i++) spool.Tick(t + i, true, _sender);
        var batches = Decoded(_sender);
        kept = batches.Sum(b => b.Times.Length);
        Assert.Equal(200 * TelemetrySpool.ChunkSamples, kept + batches.Sum(b => b.Dropped));
        var times = batches.SelectMany(b => b.Times).ToList();
        Assert.Equal(times.OrderBy(x => x), times); // oldest first
    }

    [Fact]
    public void A_failed_send_keeps_the_chunk_for_the_next_try()
    {
        var (ram, spool) = Boot(1);
        for (int i = 0; i < 50; i++) ram.Add(i, "light", 40);
        spool.Tick(100, false, _sender);
        _sender.Fail = true;
        spool.Tick(200, true, _sender);
        _sender.Fail = false;
        spool.Tick(300, true, _sender);
        Assert.Equal(50, Assert.Single(Decoded(_sender)).Times.Length);
    }

    [Fact]
    public void A_failing_flash_leaves_the_samples_in_ram()
    {
        var (ram, spool) = Boot(1);
        for (int i = 0; i < 60; i++) ram.Add(i, "light", 40);
        _flash.FailWrites = true;
        spool.Tick(100, false, _sender);
        Assert.Equal(60, ram.Count);
        Assert.Equal("flash full", spool.LastProblem);
    }
}
