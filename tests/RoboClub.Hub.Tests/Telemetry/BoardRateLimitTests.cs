using RoboClub.Hub.Telemetry;

namespace RoboClub.Hub.Tests.Telemetry;

/// <summary>The per-board sample budget: a burst for an outage's backlog, then a steady rate; boards apart.</summary>
public sealed class BoardRateLimitTests
{
    sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => 1_000;
        public override long GetTimestamp() => Ticks;
        public void Advance(TimeSpan by) => Ticks += (long)by.TotalMilliseconds;
    }

    [Fact]
    public void A_board_gets_its_burst_then_its_rate_and_other_boards_are_not_touched()
    {
        var clock = new ManualClock();
        var limit = new BoardRateLimit(clock, samplesPerSecond: 500, burst: 6000);
        Assert.Equal(6000, limit.Take("flood", 6000));
        Assert.Equal(0, limit.Take("flood", 50));
        Assert.Equal(50, limit.Take("meteo-1", 50));

        clock.Advance(TimeSpan.FromMilliseconds(100)); // 50 samples' worth
        Assert.Equal(50, limit.Take("flood", 1000));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(500, limit.Take("flood", 1000));

        clock.Advance(TimeSpan.FromHours(1)); // a quiet board refills only up to its burst
        Assert.Equal(6000, limit.Take("flood", 10_000));
    }
}
