using System.Text;

namespace RoboClub.Firmware.Tests;

public class TimeAndLightTests
{
    private const long Nov2026 = 1795000000000;

    [Fact]
    public void The_hub_sets_an_unset_clock_and_leaves_a_right_one_alone()
    {
        var system = new FakeSystemTime { UtcMs = 5000 }; // 1970: never set
        var wall = new WallClock(system);
        Assert.False(wall.IsKnown);
        Assert.Equal(-1, wall.UtcMs);

        Assert.True(wall.OnHubTime(Encoding.UTF8.GetBytes("{\"utc\":" + Nov2026 + "}")));
        Assert.Equal(Nov2026, wall.UtcMs);

        // SNTP already right: a hub 30 s off does not move it; 2 minutes off does.
        Assert.False(wall.OnHubTime(Encoding.UTF8.GetBytes("{\"utc\":" + (Nov2026 + 30_000) + "}")));
        Assert.True(wall.OnHubTime(Encoding.UTF8.GetBytes("{\"utc\":" + (Nov2026 + 120_000) + "}")));
        Assert.Equal(2, system.Sets);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("{\"utc\":\"1795000000000\"}")]
    [InlineData("{\"utc\":1795000000000.5}")]
    [InlineData("{\"utc\":1000}")]
    [InlineData("{\"utc\":1795000000000,\"x\":1}")]
    [InlineData("[1795000000000]")]
    public void A_bad_time_message_changes_nothing(string payload)
    {
        var system = new FakeSystemTime { UtcMs = 5000 };
        Assert.False(new WallClock(system).OnHubTime(Encoding.UTF8.GetBytes(payload)));
        Assert.Equal(0, system.Sets);
    }

    private static string Pattern(LinkPhase phase, bool setup, bool safe) =>
        new(Enumerable.Range(0, 40).Select(i => StatusLight.IsOn(phase, setup, safe, i * 50L) ? '#' : '.').ToArray());

    [Fact]
    public void Each_state_has_its_own_light()
    {
        var patterns = new[]
        {
            Pattern(LinkPhase.Online, false, false),
            Pattern(LinkPhase.Wifi, false, false),
            Pattern(LinkPhase.Hub, false, false),
            Pattern(LinkPhase.NoConfig, true, false),
            Pattern(LinkPhase.Wifi, false, true),
            Pattern(LinkPhase.Online, false, true),
        };
        Assert.Equal(patterns.Length, patterns.Distinct().Count());
        Assert.Equal(new string('#', 40), patterns[0]);
        Assert.Equal("###...###...", patterns[3][..12]); // two flashes
        Assert.Equal("###...###...###...", patterns[4][..18]); // three flashes
        Assert.Equal(patterns[3], Pattern(LinkPhase.Wifi, true, false)); // no Wi-Fi for long = setup mode too
    }
}
