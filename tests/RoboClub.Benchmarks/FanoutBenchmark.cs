using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using RoboClub.Mqtt;
using RoboClub.Mqtt.Client;

namespace RoboClub.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/RoboClub.Benchmarks -- fanout [--quick] [--boards 50] [--browsers 100] [--hz 10] [--seconds 20]`:
/// a whole club's live charts. Boards publish telemetry at a fixed rate (one sample per message, QoS 1,
/// as a board's HubLink does), and every browser follows every board's chart:
///  - the hub: `roboclub serve` as its own process; boards connect to its embedded broker, browsers
///    follow "telemetry" pushes on /hubs/live (SignalR JSON protocol over a WebSocket, as the page does);
///  - the peer: mosquitto with the same boards, and every "browser" an MQTT subscriber to every board's
///    telemetry (what a page subscribing to the broker directly would cost, with no store and no hub).
/// Each sample's value is its send time (Unix ms, exact in a double), so a receiver knows its age.
/// Reported per server: samples delivered / expected, latency p50/p95/p99/max, server CPU (% of one
/// core) and peak memory. The load generator runs in this process; the servers run in their own.
/// </summary>
static class FanoutBenchmark
{
    sealed record Settings(int Boards, int Browsers, int Hz, int Seconds);

    sealed class Receipts
    {
        readonly object _gate = new();
        readonly List<double> _latencies = new(1 << 20);
        public long Count;
        public void Add(double latencyMs) { lock (_gate) { _latencies.Add(latencyMs); Count++; } }
        public double[] Sorted() { lock (_gate) { var a = _latencies.ToArray(); Array.Sort(a); return a; } }
    }

    public static async Task<int> Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        var s = new Settings(Arg(args, "--boards", quick ? 10 : 50), Arg(args, "--browsers", quick ? 10 : 100), Arg(args, "--hz", 10), Arg(args, "--seconds", quick ? 4 : 20));
        Console.WriteLine($"Fan-out benchmark ({(quick ? "quick" : "full")}): {s.Boards} boards × {s.Hz} Hz → {s.Browsers} browsers, {s.Seconds} s measured, " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {SystemInfo.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| server | delivered | p50 ms | p95 ms | p99 ms | max ms | server CPU (% of a core) | server peak MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var hub = await MeasureAsync("hub (SignalR)", s, HubServer.StartAsync, ConnectBrowserAsync);
        var peer = await MeasureAsync("mosquitto (MQTT subscribers)", s, MosquittoServer.StartAsync, ConnectSubscriberAsync);
        Console.WriteLine();
        Console.WriteLine($"hub / mosquitto: CPU {hub.Cpu / Math.Max(peer.Cpu, 0.01):F2}×, p95 latency {hub.P95 / Math.Max(peer.P95, 0.01):F2}×, memory {hub.Memory / Math.Max(peer.Memory, 0.01):F1}×");
        Console.WriteLine("(The hub also stores every sample in SQLite and batches pushes every 200 ms, so its latency includes up to 200 ms of batching by design.)");
        return hub.Delivered >= 0.999 ? 0 : 1;
    }

    static int Arg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;
    }

    sealed record Result(double Delivered, double P95, double Cpu, double Memory);

    /// <summary>A server process: where boards publish (MQTT port) and where browsers connect.</summary>
    interface IServer : IAsyncDisposable
    {
        int MqttPort { get; }
        int WebPort { get; }
        BrokerUnderTest Process { get; }
    }

    static async Task<Result> MeasureAsync(string name, Settings s, Func<Task<IServer>> start,
        Func<IServer, int, CancellationToken, Task<IAsyncDisposable>> connectBrowser)
    {
        await using var server = await start();
        current = new Receipts();
        using var stop = new CancellationTokenSource();
        var browsers = new List<IAsyncDisposable>();
        for (int i = 0; i < s.Browsers; i++) browsers.Add(await connectBrowser(server, i, stop.Token));
        var boards = new List<MqttClient>();
        for (int b = 0; b < s.Boards; b++)
        {
            var c = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = server.MqttPort, ClientId = $"bench-{b:D2}", KeepAlivePeriod = TimeSpan.FromSeconds(30) });
            await c.ConnectAsync();
            boards.Add(c);
        }

        // Warm up for 2 s (JIT, first pushes), then count only what was sent in the measured window.
        await RunBoardsAsync(boards, s.Hz, TimeSpan.FromSeconds(2), stop.Token);
        await Task.Delay(1000);
        var receipts = current = new Receipts(); // samples sent before the window are told apart by their send time
        double cpu0 = server.Process.CpuTime.TotalMilliseconds;
        var clock = Stopwatch.StartNew();
        long sent = await RunBoardsAsync(boards, s.Hz, TimeSpan.FromSeconds(s.Seconds), stop.Token);
        double cpu = (server.Process.CpuTime.TotalMilliseconds - cpu0) / clock.Elapsed.TotalMilliseconds * 100;
        await Task.Delay(2000); // the last pushes arrive
        var lat = receipts.Sorted();
        double expected = (double)sent * s.Browsers;
        double delivered = receipts.Count / expected;
        double Pct(double p) => lat.Length == 0 ? double.NaN : lat[Math.Min(lat.Length - 1, (int)(p * lat.Length))];
        double mem = server.Process.PeakResidentMegabytes;
        Console.WriteLine($"| {name} | {receipts.Count:N0} / {expected:N0} ({delivered:P2}) | {Pct(0.50):F0} | {Pct(0.95):F0} | {Pct(0.99):F0} | {(lat.Length > 0 ? lat[^1] : double.NaN):F0} | {cpu:F0} % | {mem:F0} |");
        await stop.CancelAsync();
        foreach (var c in boards) await c.DisposeAsync();
        foreach (var b in browsers) await b.DisposeAsync();
        return new Result(delivered, Pct(0.95), cpu, mem);
    }

    // The receipts the browsers write into: swapped at the start of the measured window.
    static volatile Receipts? current;
    static long windowStartMs;

    /// <summary>Every board publishes one sample per 1/hz s (evenly spread over the period) until the time is up.</summary>
    static async Task<long> RunBoardsAsync(List<MqttClient> boards, int hz, TimeSpan duration, CancellationToken ct)
    {
        windowStartMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var tasks = boards.Select(async (board, index) =>
        {
            var period = TimeSpan.FromSeconds(1.0 / hz);
            await Task.Delay(period * index / boards.Count, ct);
            var start = clock.Elapsed;
            for (long n = 0; clock.Elapsed < duration; n++)
            {
                var due = start + period * n;
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                long boardTime = (long)clock.Elapsed.TotalMilliseconds;
                string json = "{\"samples\":[{\"t\":" + boardTime + ",\"s\":\"temperature\",\"v\":" + now + "}],\"dropped\":0,\"now\":" + boardTime + "}";
                await board.PublishAsync(new MqttApplicationMessage
                {
                    Topic = $"roboclub/club/bench-{index:D2}/telemetry",
                    Payload = Encoding.UTF8.GetBytes(json),
                    QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
                }, ct);
                Interlocked.Increment(ref sent);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        return sent;
    }

    static void Received(double sentAtMs)
    {
        if (sentAtMs < windowStartMs) return; // from the warm-up
        current?.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sentAtMs);
    }

    // ---- the hub: SignalR "telemetry" pushes ----

    sealed class HubServer(int web, int mqtt, BrokerUnderTest process, string data) : IServer
    {
        public int MqttPort => mqtt;
        public int WebPort => web;
        public BrokerUnderTest Process => process;

        public static async Task<IServer> StartAsync()
        {
            int web = BrokerUnderTest.FreePort(), mqtt = BrokerUnderTest.FreePort();
            string data = Directory.CreateTempSubdirectory("rcbench-hub-").FullName;
            string dll = await RoboClubBroker.LocateAsync(null, CancellationToken.None);
            var p = new LaunchedProcess("hub");
            await p.StartAsync("dotnet", [dll, "serve", "--port", web.ToString(CultureInfo.InvariantCulture), "--mqtt-port", mqtt.ToString(CultureInfo.InvariantCulture),
                "--virtual-boards", "0", "--no-browser", "--local-only", "--club", "club", "--data", data,
                "--board-logins", "open"], mqtt); // the boards and pages here are anonymous test clients (docs/security.md)
            // The broker answers before the web server listens: wait for the page's API too.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var clock = Stopwatch.StartNew(); ; await Task.Delay(100))
            {
                try { if ((await http.GetAsync($"http://127.0.0.1:{web}/api/hub")).IsSuccessStatusCode) break; }
                catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { }
                catch (TaskCanceledException) when (clock.Elapsed < TimeSpan.FromSeconds(60)) { }
            }
            return new HubServer(web, mqtt, p, data);
        }

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>A page following the telemetry: SignalR's JSON protocol over a WebSocket, as @microsoft/signalr speaks it.</summary>
    static async Task<IAsyncDisposable> ConnectBrowserAsync(IServer server, int index, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.WebPort}/hubs/live"), ct);
        const char Rs = '\u001e';
        async Task Send(string json) => await socket.SendAsync(Encoding.UTF8.GetBytes(json + Rs), WebSocketMessageType.Text, true, ct);
        await Send("{\"protocol\":\"json\",\"version\":1}");
        await Send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"FollowTelemetry\",\"arguments\":[]}");
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[256 * 1024];
            var pending = new MemoryStream();
            try
            {
                while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
                {
                    var r = await socket.ReceiveAsync(buffer, ct);
                    if (r.MessageType == WebSocketMessageType.Close) break;
                    pending.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage) continue;
                    var all = pending.GetBuffer().AsMemory(0, (int)pending.Length);
                    int start = 0;
                    for (int i = 0; i < all.Length; i++)
                    {
                        if (all.Span[i] != (byte)Rs) continue;
                        ReadPush(all.Span[start..i]);
                        start = i + 1;
                    }
                    pending.SetLength(0);
                }
            }
            catch (OperationCanceledException) { }
            catch (WebSocketException) { }
        });
        return new AsyncDisposer(async () =>
        {
            try { await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); } catch (WebSocketException) { }
            await reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
            socket.Dispose();
        });
    }

    /// <summary>{"type":1,"target":"telemetry","arguments":[[{"board","series","points":[[t,v],...]}]]}</summary>
    static void ReadPush(ReadOnlySpan<byte> message)
    {
        var json = new Utf8JsonReader(message);
        // Walk the tokens: every "points" array holds [t, v] pairs; v is the send time.
        while (json.Read())
        {
            if (json.TokenType != JsonTokenType.PropertyName || !json.ValueTextEquals("points"u8)) continue;
            json.Read(); // [
            while (json.Read() && json.TokenType == JsonTokenType.StartArray)
            {
                json.Read(); // t
                json.Read(); // v
                Received(json.GetDouble());
                json.Read(); // ]
            }
        }
    }

    // ---- the peer: mosquitto, every browser an MQTT subscriber ----

    sealed class MosquittoServer(int port, BrokerUnderTest process) : IServer
    {
        public int MqttPort => port;
        public int WebPort => port;
        public BrokerUnderTest Process => process;

        public static async Task<IServer> StartAsync()
        {
            int port = BrokerUnderTest.FreePort();
            var broker = new MosquittoBroker("/usr/sbin/mosquitto", 20, noDelay: true);
            await broker.StartAsync(port, CancellationToken.None);
            return new MosquittoServer(port, broker);
        }

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }

    static async Task<IAsyncDisposable> ConnectSubscriberAsync(IServer server, int index, CancellationToken ct)
    {
        var client = new MqttClient(new MqttClientOptions { Host = "127.0.0.1", Port = server.MqttPort, ClientId = $"page-{index:D3}", KeepAlivePeriod = TimeSpan.FromSeconds(30) });
        client.ApplicationMessageReceivedAsync += e =>
        {
            var json = new Utf8JsonReader(e.ApplicationMessage.Payload.Span);
            while (json.Read())
                if (json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("v"u8)) { json.Read(); Received(json.GetDouble()); }
            return Task.CompletedTask;
        };
        await client.ConnectAsync(ct);
        await client.SubscribeAsync("roboclub/club/+/telemetry", MqttQualityOfServiceLevel.AtMostOnce, ct);
        return client;
    }

    sealed class AsyncDisposer(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }

    /// <summary>Any program started like the brokers (ready when its MQTT port answers CONNECT).</summary>
    sealed class LaunchedProcess(string name) : BrokerUnderTest
    {
        public override string Name => name;
        public override Task StartAsync(int port, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task StartAsync(string file, string[] arguments, int mqttPort) => LaunchAsync(file, arguments, mqttPort, TimeSpan.FromSeconds(60), CancellationToken.None);
    }
}
