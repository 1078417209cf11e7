using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RoboClub.Hub.Forwarding;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Benchmarks;

/// <summary>
/// `forwarding`: club hubs that were cut off from their regional hub catch up. Each club's store
/// holds a backlog (3 weather stations × 6 series, one sample every 10 s for a day: 155,520 samples);
/// the clubs' hubs start forwarding at once to one regional hub (SQLite) over loopback HTTP, and the
/// time until the regional hub has confirmed every sample is measured. Everything runs in this
/// process, so the CPU figure is the whole set of hubs.
/// </summary>
static class ForwardingBenchmark
{
    public static async Task<int> Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int clubs = quick ? 1 : 5, hours = quick ? 2 : 24;
        string root = Directory.CreateTempSubdirectory("roboclub-bench-fwd-").FullName;
        var apps = new List<WebApplication>();
        try
        {
            string regionalData = Path.Combine(root, "regional");
            var keys = new RegionalKeys(Path.Combine(regionalData, RegionalKeys.FileName));
            var regional = HubApp.Build([], Settings(regionalData, "regiune", new() { ["Hub:Regional"] = "true" }), new HubConsole(TextWriter.Null));
            apps.Add(regional);
            await regional.StartAsync();
            string url = regional.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1");

            long perClub = 0;
            var clubApps = new List<WebApplication>();
            for (int c = 0; c < clubs; c++)
            {
                string name = $"club{c + 1}", data = Path.Combine(root, name);
                perClub = await BacklogAsync(data, name, hours);
                clubApps.Add(HubApp.Build([], Settings(data, name, new()
                {
                    ["Hub:ForwardTo"] = url, ["Hub:ForwardKey"] = keys.Add(name, DateTimeOffset.UtcNow),
                    ["Hub:ForwardDelayMs"] = "0", ["Hub:ForwardIntervalMs"] = "200",
                }), new HubConsole(TextWriter.Null)));
            }
            apps.AddRange(clubApps);
            long expected = perClub * clubs;
            var ledger = regional.Services.GetRequiredService<RegionalReceiver>().Ledger;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            foreach (var app in clubApps) await app.StartAsync();
            long arrived = 0, batches = 0;
            while (arrived < expected && clock.Elapsed < TimeSpan.FromMinutes(30))
            {
                await Task.Delay(100);
                var rows = ledger.Clubs();
                arrived = rows.Sum(r => r.Samples);
                batches = rows.Sum(r => r.Batches);
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"Forwarding benchmark ({(quick ? "quick" : "full")}), {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            Console.WriteLine();
            Console.WriteLine("| clubs | backlog per club | batches | samples confirmed | time | samples/s | CPU (all hubs) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine($"| {clubs} | {perClub:N0} ({hours} h) | {batches:N0} | {arrived:N0} of {expected:N0} | {seconds:F1} s | {arrived / seconds:N0} | {cpuSeconds:F1} s ({100 * cpuSeconds / seconds / Environment.ProcessorCount:F0} % of the machine) |");
            return arrived == expected ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps)
            {
                try { await app.StopAsync(); } catch (Exception) { }
                await app.DisposeAsync();
            }
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    static Dictionary<string, string?> Settings(string data, string club, Dictionary<string, string?> more)
    {
        var s = new Dictionary<string, string?>
        {
            ["Hub:WebPort"] = "0", ["Hub:MqttPort"] = "0", ["Hub:Lan"] = "false", ["Hub:Data"] = data,
            ["Hub:VirtualBoards"] = "0", ["Hub:OpenBrowser"] = "false", ["Hub:Club"] = club,
        };
        foreach (var (k, v) in more) s[k] = v;
        return s;
    }

    /// <summary>The club's store before its hub starts: 3 stations × 6 weather series, one sample every 10 s.</summary>
    static async Task<long> BacklogAsync(string data, string club, int hours)
    {
        Directory.CreateDirectory(data);
        await using var store = SqliteTelemetryStore.Open(Path.Combine(data, "telemetry.db"));
        long start = DateTimeOffset.UtcNow.AddHours(-hours - 1).ToUnixTimeMilliseconds(), count = 0;
        string[] series = ["temperature", "humidity", "pressure", "light", "wind", "rain"];
        for (int station = 1; station <= 3; station++)
            foreach (var name in series)
            {
                var samples = Enumerable.Range(0, hours * 360).Select(i => new TelemetrySample(name, start + i * 10_000L, 20 + Math.Sin(i / 50.0))).ToArray();
                count += store.Append(club, $"station-{station}", samples).Accepted;
            }
        await store.FlushAsync();
        return count;
    }
}
