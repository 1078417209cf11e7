using System.Diagnostics;
using System.Globalization;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// `roboclub serve` (Release build) as its own process: embedded broker, SQLite in a temporary data
/// folder, no virtual boards of its own, anonymous boards allowed (`--Hub:BoardLogins=open`: the
/// configuration form works whether or not this build has the `--board-logins` option).
/// </summary>
/// <paramref name="workstationGc"/>: DOTNET_gcServer=0 (the hub's build uses the server GC, ASP.NET Core's default, which
/// keeps a heap per core and more memory).
sealed class HubProcess(string data, bool workstationGc = false) : BrokerUnderTest
{
    public override string Name => "hub";
    public int WebPort { get; private set; }
    public int MqttPort { get; private set; }
    public string DataDirectory => data;
    public string TelemetryDatabase => Path.Combine(data, "telemetry.db");

    public override Task StartAsync(int port, CancellationToken cancellationToken) => StartAsync(port, FreePort(), "club", cancellationToken);

    public async Task StartAsync(int mqttPort, int webPort, string club, CancellationToken cancellationToken)
    {
        MqttPort = mqttPort;
        WebPort = webPort;
        string dll = await RoboClubBroker.LocateAsync(null, cancellationToken);
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        await LaunchAsync("dotnet", [dll, "serve", "--port", N(webPort), "--mqtt-port", N(mqttPort), "--virtual-boards", "0", "--no-browser", "--local-only",
            "--club", club, "--data", data, "--Hub:BoardLogins=open"], mqttPort, TimeSpan.FromSeconds(60), cancellationToken,
            workstationGc ? new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" } : null);
        // The broker answers before the web server listens: wait for the API too.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var clock = Stopwatch.StartNew(); ; await Task.Delay(100, cancellationToken))
        {
            try { if ((await http.GetAsync($"http://127.0.0.1:{webPort}/api/hub", cancellationToken)).IsSuccessStatusCode) return; }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { }
            catch (TaskCanceledException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { }
        }
    }
}
