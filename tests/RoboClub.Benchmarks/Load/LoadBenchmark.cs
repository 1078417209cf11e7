using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;
using RoboClub.Board.Link;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- load [--boards 1000] [--seconds 60] [--warmup 20] [--pages 5] [--workstation-gc] [--quick]`:
/// a thousand weather stations at 1 Hz on one hub (issue 9: under 50 % CPU on 2 cores).
///  - the hub: `roboclub serve` as its own process (Release, embedded broker, SQLite, no virtual boards),
///    its sample interval set to 1 s through the Data tab's API, so every board records its six sensors
///    once a second by itself (retained config → SensorLogger) and sends them as one QoS 1 message;
///    `--pages` pages follow the live telemetry over SignalR;
///  - the load: a second process (`load-boards`) running the real board runtime of each board, each on
///    its own MQTT connection (<see cref="LoadBoard"/>);
///  - the peer, same run: mosquitto receiving the same boards (config published retained by the harness),
///    one QoS 1 subscriber standing for the hub's ingest and `--pages` QoS 0 subscribers for the pages.
/// Measured over the window after the warm-up: the server's CPU time / wall time (% of one core and of the
/// machine), its resident memory (sampled every second), messages and samples per second, the pages'
/// points; at the end every sample the boards sent must be in the store (hub) or at the subscriber (peer).
/// </summary>
static class LoadBenchmark
{
    const string Club = "club";

    sealed record Settings(int Boards, int Seconds, int Warmup, int Pages, bool WorkstationGc);

    sealed record Result(string Name, double CpuSeconds, double WallSeconds, double RssAverageMb, double RssPeakMb, long Sent, long Received,
        double SamplesPerSecond, long PagePoints, double ApiWorstMs, double GeneratorCpuSeconds)
    {
        public double OneCorePercent => CpuSeconds / WallSeconds * 100;
        public double MachinePercent => OneCorePercent / Environment.ProcessorCount;
    }

    public static async Task<int> Run(string[] args)
    {
        if (Problem(args) is { } problem)
        {
            Console.Error.WriteLine(problem);
            Console.Error.WriteLine("usage: -- load [--boards 1000] [--seconds 60] [--warmup 20] [--pages 5] [--workstation-gc] [--quick]");
            return 2;
        }
        bool quick = args.Contains("--quick");
        var s = new Settings(Arg(args, "--boards", quick ? 100 : 1000), Arg(args, "--seconds", quick ? 10 : 60), Arg(args, "--warmup", quick ? 5 : 20), Arg(args, "--pages", 5), args.Contains("--workstation-gc"));
        long openFiles = OpenFiles.RaiseToHardLimit();
        Console.WriteLine($"Load benchmark ({(quick ? "quick" : "full")}): {s.Boards} weather stations × 1 Hz (6 sensors each), {s.Pages} pages, {s.Warmup} s warm-up + {s.Seconds} s measured, hub GC {(s.WorkstationGc ? "workstation" : "server (default)")}, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, ulimit -n {openFiles}, load average {SystemInfo.LoadAverage()}");
        if (openFiles >= 0 && openFiles < s.Boards + 500)
            Console.Error.WriteLine($"warning: ulimit -n is {openFiles} and its hard limit too: {s.Boards} boards need {s.Boards} sockets in the server and as many in the load generator");
        Console.WriteLine();

        var hub = await MeasureHubAsync(s);
        var peer = await MeasureMosquittoAsync(s);

        Console.WriteLine();
        Console.WriteLine("| server | samples/s sent in the window (all stored) | CPU, % of one core | CPU, % of the machine | RSS average / peak MB | received / sent | points per page | worst GET /api/boards | load generator CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in new[] { hub, peer })
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.SamplesPerSecond:N0} | {r.OneCorePercent:F1} % | {r.MachinePercent:F1} % | {r.RssAverageMb:F0} / {r.RssPeakMb:F0} | {r.Received:N0} / {r.Sent:N0} | {r.PagePoints:N0} | {(double.IsNaN(r.ApiWorstMs) ? "–" : $"{r.ApiWorstMs:F0} ms")} | {r.GeneratorCpuSeconds / r.WallSeconds * 100:F0} % of a core |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hub / mosquitto CPU: {hub.CpuSeconds / Math.Max(peer.CpuSeconds, 0.001):F1}×; memory (average RSS): {hub.RssAverageMb / Math.Max(peer.RssAverageMb, 0.1):F1}×"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target: the hub under 50 % of the machine ({Environment.ProcessorCount} cores) — {(hub.MachinePercent < 50 ? "met" : "NOT met")} at {hub.MachinePercent:F1} % ({hub.OneCorePercent:F1} % of one core)"));
        Console.WriteLine("(The hub also decodes every batch, stores every sample in SQLite with its summaries, pushes to the pages every 200 ms, keeps the board registry and answers the API; mosquitto only routes.)");
        Console.WriteLine($"load average at the end {SystemInfo.LoadAverage()}");
        bool complete = hub.Received == hub.Sent && peer.Received == peer.Sent && hub.Sent > 0;
        if (!complete) Console.WriteLine("FAIL: samples missing (received ≠ sent)");
        return complete ? 0 : 1;
    }

    /// <summary>What is wrong with the options, or null.</summary>
    static string? Problem(string[] args)
    {
        string[] numbers = ["--boards", "--seconds", "--warmup", "--pages"], flags = ["--quick", "--workstation-gc"];
        for (int i = 0; i < args.Length; i++)
        {
            if (flags.Contains(args[i])) continue;
            if (!numbers.Contains(args[i])) return $"unknown option {args[i]}";
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                return $"{args[i]} needs a whole number of at least 1{(i + 1 < args.Length ? $", not \"{args[i + 1]}\"" : "")}";
            i++;
        }
        return null;
    }

    internal static int Arg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }

    // ---- the hub ----

    static async Task<Result> MeasureHubAsync(Settings s)
    {
        string data = Directory.CreateTempSubdirectory("rcbench-load-").FullName;
        try
        {
            long sent;
            Window window;
            long pagePoints = 0;
            double apiWorst = 0;
            double generatorCpu, recordingSeconds, rate;
            long storedLive;
            var hub = new HubProcess(data, s.WorkstationGc);
            try
            {
                await hub.StartAsync(BrokerUnderTest.FreePort(), BrokerUnderTest.FreePort(), Club, CancellationToken.None);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hub.WebPort}"), Timeout = TimeSpan.FromSeconds(30) };
                await SetSampleIntervalAsync(http, 1000);
                var pages = new List<LivePage>();
                for (int i = 0; i < s.Pages; i++) pages.Add(await LivePage.ConnectAsync(hub.WebPort));

                await using var generator = LoadGeneratorProcess.Start(hub.MqttPort, s.Boards, Club);
                Console.WriteLine($"hub: {await generator.WaitForAsync("connected", TimeSpan.FromMinutes(3))}, {await generator.WaitForAsync("recording", TimeSpan.FromMinutes(3))}");
                var recording = Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(s.Warmup));
                long points0 = pages.Sum(p => p.Points), sent0 = await generator.SamplesSentAsync();
                // The page's list of boards, every 5 s: the hub must keep answering while it ingests.
                window = await Window.MeasureAsync(hub, generator, s.Seconds, async () =>
                {
                    var clock = Stopwatch.StartNew();
                    (await http.GetAsync("/api/boards")).EnsureSuccessStatusCode();
                    apiWorst = Math.Max(apiWorst, clock.Elapsed.TotalMilliseconds);
                });
                pagePoints = (pages.Sum(p => p.Points) - points0) / Math.Max(1, s.Pages);
                rate = (await generator.SamplesSentAsync() - sent0) / window.WallSeconds;
                generatorCpu = window.GeneratorCpuSeconds;

                // Stop recording (config {} to every board), let the boards publish what they hold, count.
                recordingSeconds = recording.Elapsed.TotalSeconds;
                await SetSampleIntervalAsync(http, null);
                await generator.SendAsync("drain");
                string result = await generator.WaitForAsync("sent", TimeSpan.FromMinutes(3));
                Console.WriteLine($"hub: {result} after {recordingSeconds:F0} s of recording");
                sent = long.Parse(result.Split(' ')[1], CultureInfo.InvariantCulture);
                // Counted while the hub runs (a stop that takes too long on a busy machine ends in SIGKILL).
                storedLive = await WaitForStoredAsync(http, sent);
                foreach (var p in pages) await p.DisposeAsync();
            }
            finally
            {
                await hub.DisposeAsync(); // SIGTERM, SIGKILL after 5 s
            }
            long stored = CountStoredSamples(Path.Combine(data, "telemetry.db"));
            if (stored != storedLive) Console.WriteLine($"hub: {storedLive} samples in the store's series while it ran, {stored} rows in the file after it stopped");
            return new Result(s.WorkstationGc ? "hub (roboclub serve, SQLite, workstation GC)" : "hub (roboclub serve, SQLite)", window.CpuSeconds, window.WallSeconds, window.RssAverageMb, window.RssPeakMb, sent, stored,
                rate, pagePoints, apiWorst, generatorCpu);
        }
        finally
        {
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    static async Task SetSampleIntervalAsync(HttpClient http, int? milliseconds)
    {
        // Settings are the librarian's: the benchmark is on the hub's own computer, so it may set the password (once).
        var setup = await http.PostAsJsonAsync("/api/librarian/setup", new { password = "benchmark-librarian" });
        if (setup.StatusCode == System.Net.HttpStatusCode.Conflict)
            await http.PostAsJsonAsync("/api/librarian/sign-in", new { password = "benchmark-librarian" });
        var current = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/telemetry/settings");
        int? retention = current.GetProperty("retentionDays").ValueKind == System.Text.Json.JsonValueKind.Number ? current.GetProperty("retentionDays").GetInt32() : null;
        var response = await http.PutAsJsonAsync("/api/telemetry/settings", new { retentionDays = retention, sampleIntervalMs = milliseconds });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT /api/telemetry/settings answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The samples in the store by its series list (the Data tab's), once it reaches
    /// <paramref name="expected"/> or stops growing for 10 s.</summary>
    static async Task<long> WaitForStoredAsync(HttpClient http, long expected)
    {
        long last = -1;
        var unchanged = Stopwatch.StartNew();
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromMinutes(2); await Task.Delay(500))
        {
            var boards = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/telemetry/series");
            long count = boards.EnumerateArray().SelectMany(b => b.GetProperty("series").EnumerateArray()).Sum(x => x.GetProperty("count").GetInt64());
            if (count >= expected) return count;
            if (count != last) { last = count; unchanged.Restart(); }
            else if (unchanged.Elapsed > TimeSpan.FromSeconds(10)) return count;
        }
        return last;
    }

    static long CountStoredSamples(string database)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM samples";
        return (long)count.ExecuteScalar()!;
    }

    // ---- the peer ----

    static async Task<Result> MeasureMosquittoAsync(Settings s)
    {
        await using var broker = new MosquittoBroker("/usr/sbin/mosquitto", 20, noDelay: true);
        int port = BrokerUnderTest.FreePort();
        await broker.StartAsync(port, CancellationToken.None);

        // What the hub's config publisher does: every board's retained config, with the 1 s period.
        await using var admin = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = "load-admin" });
        await admin.ConnectAsync();
        await PublishConfigsAsync(admin, s.Boards, "{\"telemetryPeriod\":1000}");

        long received = 0, pagePoints = 0;
        var subscribers = new List<MqttClient>();
        for (int i = 0; i <= s.Pages; i++)
        {
            bool ingest = i == 0;
            var c = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = port, ClientId = ingest ? "load-ingest" : $"load-page-{i}" });
            c.ApplicationMessageReceivedAsync += e =>
            {
                int n = TelemetryPayload.Decode(e.ApplicationMessage.Payload.ToArray()).Count;
                Interlocked.Add(ref ingest ? ref received : ref pagePoints, n);
                return Task.CompletedTask;
            };
            await c.ConnectAsync();
            await c.SubscribeAsync($"roboclub/{Club}/+/telemetry", ingest ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce);
            subscribers.Add(c);
        }

        await using var generator = LoadGeneratorProcess.Start(port, s.Boards, Club);
        Console.WriteLine($"mosquitto: {await generator.WaitForAsync("connected", TimeSpan.FromMinutes(3))}, {await generator.WaitForAsync("recording", TimeSpan.FromMinutes(3))}");
        var recording = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(s.Warmup));
        long points0 = Interlocked.Read(ref pagePoints), sent0 = await generator.SamplesSentAsync();
        var window = await Window.MeasureAsync(broker, generator, s.Seconds, null);
        long points = (Interlocked.Read(ref pagePoints) - points0) / Math.Max(1, s.Pages);
        double rate = (await generator.SamplesSentAsync() - sent0) / window.WallSeconds;

        double recordingSeconds = recording.Elapsed.TotalSeconds;
        await PublishConfigsAsync(admin, s.Boards, "{}");
        await generator.SendAsync("drain");
        string result = await generator.WaitForAsync("sent", TimeSpan.FromMinutes(3));
        Console.WriteLine($"mosquitto: {result} after {recordingSeconds:F0} s of recording");
        long sent = long.Parse(result.Split(' ')[1], CultureInfo.InvariantCulture);
        await Task.Delay(1000);
        foreach (var c in subscribers) await c.DisposeAsync();
        return new Result("mosquitto (routing only)", window.CpuSeconds, window.WallSeconds, window.RssAverageMb, window.RssPeakMb, sent, Interlocked.Read(ref received),
            rate, points, double.NaN, window.GeneratorCpuSeconds);
    }

    static async Task PublishConfigsAsync(MqttClient client, int boards, string config)
    {
        for (int i = 1; i <= boards; i++)
            await client.PublishAsync(new MqttApplicationMessage
            {
                Topic = $"roboclub/{Club}/load-{i:D4}/config",
                Payload = Encoding.UTF8.GetBytes(config),
                Retain = true,
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            });
    }

    /// <summary>The measured window: the server's CPU time and memory, the generator's CPU time.</summary>
    sealed record Window(double CpuSeconds, double WallSeconds, double RssAverageMb, double RssPeakMb, double GeneratorCpuSeconds)
    {
        public static async Task<Window> MeasureAsync(BrokerUnderTest server, LoadGeneratorProcess generator, int seconds, Func<Task>? every5s)
        {
            double cpu0 = server.CpuTime.TotalSeconds, gen0 = generator.CpuTime.TotalSeconds;
            var clock = Stopwatch.StartNew();
            var rss = new List<double>();
            for (int i = 1; i <= seconds; i++)
            {
                var due = TimeSpan.FromSeconds(i) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                rss.Add(server.ResidentMegabytes);
                if (every5s is not null && i % 5 == 0) await every5s();
            }
            double wall = clock.Elapsed.TotalSeconds;
            return new Window(server.CpuTime.TotalSeconds - cpu0, wall, rss.Average(), rss.Max(), generator.CpuTime.TotalSeconds - gen0);
        }
    }
}
