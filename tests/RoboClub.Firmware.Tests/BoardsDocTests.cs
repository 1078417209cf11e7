using System.Text.RegularExpressions;
using RoboClub.Firmware.Profiles;
using RoboClub.Firmware.Tests.NanoFramework;

namespace RoboClub.Firmware.Tests;

/// <summary>docs/boards.md and its diagrams show exactly the pins the firmware uses: a librarian wires from them.</summary>
public class BoardsDocTests
{
    private static readonly string Docs = Path.Combine(FirmwareSources.Repository, "docs");

    public static TheoryData<string> Kits => new() { BoardProfiles.RobotTb6612, BoardProfiles.RobotL298n, BoardProfiles.WeatherBme280, BoardProfiles.WeatherDht22 };

    /// <summary>The rows of the "### Pins: {profile}" table: wire name to GPIO.</summary>
    private static Dictionary<string, int> DocumentedPins(string profile)
    {
        var text = File.ReadAllText(Path.Combine(Docs, "boards.md"));
        var start = text.IndexOf("### Pins: " + profile + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/boards.md has no \"### Pins: {profile}\" table");
        var section = text[start..];
        var next = section.IndexOf("\n#", 5, StringComparison.Ordinal);
        if (next > 0) section = section[..next];
        return Regex.Matches(section, @"^\| `(\w+)` \| (\d+) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
    }

    [Theory]
    [MemberData(nameof(Kits))]
    public void The_pin_table_is_the_profile(string name)
    {
        var profile = BoardProfiles.Find(name)!;
        var expected = new Dictionary<string, int>();
        for (int i = 0; i < profile.Count; i++)
        {
            if (profile[i].Pin != PinAssignment.None) expected[profile[i].Role] = profile[i].Pin;
        }
        Assert.Equal(expected.OrderBy(p => p.Key), DocumentedPins(name).OrderBy(p => p.Key));
    }

    [Theory]
    [MemberData(nameof(Kits))]
    public void The_diagram_shows_every_wired_pin(string name)
    {
        var svgPath = Path.Combine(Docs, "boards", name + ".svg");
        Assert.True(File.Exists(svgPath), $"missing diagram {svgPath}");
        var svg = File.ReadAllText(svgPath);
        Assert.Contains("](boards/" + name + ".svg)", File.ReadAllText(Path.Combine(Docs, "boards.md")));
        var profile = BoardProfiles.Find(name)!;
        for (int i = 0; i < profile.Count; i++)
        {
            int pin = profile[i].Pin;
            if (pin == PinAssignment.None || profile[i].Role == PinRoles.StatusLed) continue;
            var badge = pin == 36 ? "VP" : pin == 39 ? "VN" : "D" + pin;
            Assert.True(svg.Contains(">" + badge + "</text>", StringComparison.Ordinal), $"{name}.svg has no {badge} badge for {profile[i].Role}");
        }
    }
}
