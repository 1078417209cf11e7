using System.Text;
using RoboClub.Board.Link;
using RoboClub.Hub.Telemetry;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Tests.Telemetry;

/// <summary>Board times to wall times when the hub handles batches late (the load run's lost samples).</summary>
public sealed class BoardClocksTests
{
    const long Wall = 1_800_000_000_000;

    [Fact]
    public void Batches_handled_in_the_same_millisecond_after_a_stall_keep_their_own_times()
    {
        var clocks = new BoardClocks();
        Assert.Equal(Wall - 1_000, clocks.Offset("s", 1_000, Wall)); // on time
        // The hub stalls 3 s: the batches sent at 2 s, 3 s and 4 s are all handled at Wall + 3,000.
        long[] walls = new long[] { 2_000, 3_000, 4_000 }.Select(now => now + clocks.Offset("s", now, Wall + 3_000)).ToArray();
        Assert.Equal([Wall + 1_000, Wall + 2_000, Wall + 3_000], walls);
        // The old rule, received − (now − t), would have dated all three Wall + 3,000.
    }

    [Fact]
    public void A_smaller_delay_is_followed_at_once_a_slow_board_clock_a_little_at_a_time_and_a_restart_starts_afresh()
    {
        var clocks = new BoardClocks();
        Assert.Equal(Wall - 1_000 + 200, clocks.Offset("s", 1_000, Wall + 200)); // first batch waited 200 ms
        Assert.Equal(Wall - 2_000 + 10, clocks.Offset("s", 2_000, Wall + 10)); // this one 10 ms: smaller, taken
        // An hour later the board's clock has fallen 100 ms behind: within 100 ppm of the hour (360 ms), followed.
        Assert.Equal(Wall - 1_890, clocks.Offset("s", 3_601_900, Wall + 3_600_010));
        // Then the hub stalls 3 s: that is no slow clock, the offset stays.
        Assert.Equal(Wall - 1_890, clocks.Offset("s", 3_602_900, Wall + 3_604_010));
        // The board restarted: its clock is back near zero; the offset jumps by the uptime: a new base.
        Assert.Equal(Wall + 7_200_000 - 500, clocks.Offset("s", 500, Wall + 7_200_000));
        Assert.Equal(Wall + 7_200_000 - 500, clocks.Offset("s", 1_500, Wall + 7_201_000));
        // Another board is its own.
        Assert.Equal(Wall - 50, clocks.Offset("other", 50, Wall));
    }

    [Fact]
    public async Task Through_the_hub_batches_handled_together_are_all_stored()
    {
        await using var hub = new HubFactory { Settings = { ["Hub:VirtualBoards"] = "0" } };
        hub.CreateClient().Dispose();
        var ingest = hub.Service<TelemetryIngest>();
        for (int k = 1; k <= 5; k++)
        {
            string json = $$"""{"samples":[{"t":{{k * 1000}},"s":"temperature","v":{{20 + k}}}],"dropped":0,"now":{{k * 1000}}}""";
            // The first arrives on time; then the hub stalls and handles the next four together.
            await ingest.IngestAsync("stall-1", TelemetryPayload.Decode(Encoding.UTF8.GetBytes(json)), k == 1 ? Wall + 1_000 : Wall + 5_000, fingerprint: null);
        }
        var stored = await hub.Service<ITelemetryStore>().QueryRangeAsync(new SeriesKey(ingest.Club, "stall-1", "temperature"), new TimeRange(Wall - 10_000, Wall + 10_000), 1000);
        Assert.Equal([21.0, 22, 23, 24, 25], stored.Points.Select(p => p.Value).ToArray());
        Assert.Equal([Wall + 1_000, Wall + 2_000, Wall + 3_000, Wall + 4_000, Wall + 5_000], stored.Points.Select(p => p.TimeMs).ToArray());
    }
}
