using RoboClub.Mqtt.Tests.Support;

namespace RoboClub.Mqtt.Tests.Interop;

/// <summary>Python paho-mqtt (Debian python3-paho-mqtt) as a second, independent client implementation.</summary>
public class PahoAgainstOurBrokerTests
{
    // Debian installs paho for the system python only (a pyenv python3 earlier on PATH cannot import it).
    const string Python = "/usr/bin/python3";
    static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Interop", "paho_scenarios.py");

    [Theory]
    [InlineData("311", "qos")]
    [InlineData("5", "qos")]
    [InlineData("311", "retained")]
    [InlineData("5", "retained")]
    [InlineData("311", "will")]
    [InlineData("5", "will")]
    [InlineData("311", "persistent")]
    [InlineData("5", "persistent")]
    [InlineData("5", "properties")]
    public async Task Scenario_passes(string protocol, string scenario)
    {
        await using var b = await TestBroker.StartAsync();
        var (code, output, errors) = await ExternalProcess.RunAsync(TimeSpan.FromSeconds(30), Python, Script, b.Port.ToString(), protocol, scenario);
        Assert.True(code == 0 && output.Contains("OK"), $"paho {scenario} (MQTT {protocol}): {string.Join(" ", output)} {errors}");
    }
}
