using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RoboClub.Hub.Forwarding;
using RoboClub.Hub.Tests.Api;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Tests.Forwarding;

/// <summary>
/// Starts the two sides of forwarding in this process: a regional hub on a real loopback port
/// (Kestrel, so the club hub reaches it over real HTTP) and club hubs that forward to it. No
/// virtual boards: the tests put exactly known samples into the club hub's store.
/// </summary>
static class ForwardingHubs
{
    public const string RegionalClub = "regiune-vest";

    /// <summary>A regional hub on <paramref name="port"/> (0: a free one) and <paramref name="data"/> (kept), with keys already in its data folder.</summary>
    public static (HubFactory Hub, string Url) StartRegional(string data, int port = 0, Dictionary<string, string>? settings = null)
    {
        var hub = new HubFactory(data)
        {
            Settings = new(settings ?? []) { ["Hub:Regional"] = "true", ["Hub:Club"] = RegionalClub, ["Hub:VirtualBoards"] = "0" },
        };
        hub.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        hub.StartServer();
        string url = hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Where(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal))
            .First(a => port == 0 || a.EndsWith($":{port}", StringComparison.Ordinal)) + "/";
        return (hub, url);
    }

    /// <summary>Adds a club to a regional hub's data folder and returns its key (what `roboclub regional add-club` does).</summary>
    public static string AddClub(string regionalData, string club) =>
        new RegionalKeys(Path.Combine(regionalData, RegionalKeys.FileName)).Add(club, DateTimeOffset.UtcNow);

    /// <summary>A club hub forwarding to <paramref name="regionalUrl"/>: looks every 50 ms, no settling delay, small batches, short retry pauses.</summary>
    public static HubFactory StartClub(string data, string club, string regionalUrl, string key, Dictionary<string, string>? settings = null)
    {
        var s = new Dictionary<string, string>
        {
            ["Hub:Club"] = club,
            ["Hub:VirtualBoards"] = "0",
            ["Hub:ForwardTo"] = regionalUrl,
            ["Hub:ForwardKey"] = key,
            ["Hub:ForwardIntervalMs"] = "50",
            ["Hub:ForwardDelayMs"] = "0",
            ["Hub:ForwardMaxBackoffMs"] = "300",
            ["Hub:ForwardBatchSize"] = "200",
        };
        foreach (var (k, v) in settings ?? []) s[k] = v;
        var hub = new HubFactory(data) { Settings = s };
        _ = hub.Services; // starts the host (and its forwarder)
        return hub;
    }

    /// <summary><paramref name="count"/> samples of one series, one a second from a fixed day, values that say which sample they are.</summary>
    public static TelemetrySample[] Samples(string series, int count, long startMs = 1_795_255_200_000, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => new TelemetrySample(series, startMs + i * 1000L, i + 0.25)).ToArray();

    public static async Task AppendAsync(HubFactory club, string board, TelemetrySample[] samples)
    {
        var store = club.Service<ITelemetryStore>();
        var clubName = club.Service<Microsoft.Extensions.Options.IOptions<RoboClub.Hub.Serve.HubSettings>>().Value.Club;
        Assert.Equal(samples.Length, store.Append(clubName, board, samples).Accepted);
        await store.FlushAsync();
    }

    /// <summary>Every sample of a series in a store, oldest first.</summary>
    public static async Task<IReadOnlyList<TelemetrySample>> AllAsync(HubFactory hub, string club, string board, string series) =>
        await ((ITelemetryCatalog)hub.Service<ITelemetryStore>()).ReadAfterAsync(new SeriesKey(club, board, series), -1, TimeRange.MaxTimeMs, ITelemetryCatalog.MaxReadLimit);

    /// <summary>Waits (generously) until the regional store holds <paramref name="count"/> samples of the series.</summary>
    public static async Task<IReadOnlyList<TelemetrySample>> EventuallyAsync(HubFactory regional, string club, string board, string series, int count, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var all = await AllAsync(regional, club, board, series);
            if (all.Count >= count || DateTime.UtcNow > deadline) return all;
            await Task.Delay(100);
        }
    }

    /// <summary>Batches and samples the regional hub recorded as applied for a club (its ledger).</summary>
    public static (long Batches, long Samples) Ledger(HubFactory regional, string club) =>
        regional.Service<RegionalReceiver>().Ledger.Clubs().Where(c => c.Club == club).Select(c => (c.Batches, c.Samples)).FirstOrDefault();

    public static async Task<JsonElement> ForwardingStatusAsync(HubFactory club) =>
        await club.CreateClient().GetFromJsonAsync<JsonElement>("/api/forwarding");

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static string TempFolder(string what) => Directory.CreateTempSubdirectory($"roboclub-{what}-").FullName;
}
