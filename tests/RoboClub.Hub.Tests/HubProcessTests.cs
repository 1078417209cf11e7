namespace RoboClub.Hub.Tests;

/// <summary>`roboclub` with no command, as a librarian starts it: the web page, a broker and virtual
/// boards that announce themselves; SIGTERM stops it cleanly and saves the broker's state.</summary>
public sealed class HubProcessTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("roboclub-hub-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_hub_starts_a_broker_with_a_virtual_robot_and_weather_station()
    {
        // Logins open: the third-party client below reads every board's status, which no board login may.
        await using var hub = RoboclubProcess.Start("--port", "0", "--mqtt-port", "0", "--local-only", "--no-browser", "--data", _dir, "--board-logins", "open");
        string web = (await hub.WaitForLineAsync(@"Editor: (http://localhost:\d+/)", TimeSpan.FromSeconds(60))).Groups[1].Value;
        string port = (await hub.WaitForLineAsync(@"MQTT: mqtt://127\.0\.0\.1:(\d+)", TimeSpan.FromSeconds(30))).Groups[1].Value;
        await hub.WaitForLineAsync("Press Ctrl", TimeSpan.FromSeconds(30));

        // The page answers, and the API lists the boards.
        using var http = new HttpClient { BaseAddress = new Uri(web) };
        Assert.Contains("RoboClub", await http.GetStringAsync("/"));

        // The retained status of both boards, read by a third-party client.
        var got = await Tool.RunAsync("mosquitto_sub", ["-h", "127.0.0.1", "-p", port, "-t", "roboclub/club1/+/status", "-C", "2", "-W", "10", "-v"], TimeSpan.FromSeconds(20));
        Assert.Equal(0, got.ExitCode);
        Assert.Contains("roboclub/club1/robot-1/status {\"state\":\"online\"", got.Output);
        Assert.Contains("roboclub/club1/station-1/status {\"state\":\"online\"", got.Output);

        await hub.SignalAsync("TERM");
        Assert.Equal(0, await hub.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Hub stopped.", hub.Output);
        Assert.True(File.Exists(Path.Combine(_dir, "broker", "broker-state.bin")), "broker state saved in the data folder");
    }
}
