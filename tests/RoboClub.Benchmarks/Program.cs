using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using RoboClub.Benchmarks;

// Broker benchmark: the same load against RoboClub's broker and mosquitto, one process run.
// See docs/benchmarks.md.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// `vm`: the board interpreter against Lua 5.4 (see VmBenchmark.cs and docs/benchmarks.md).
if (args.Length > 0 && args[0] == "vm") return VmBenchmark.Run(args[1..]);
// `compile`: children's C# compile time against a plain Roslyn emit (see CompileBenchmark.cs).
if (args.Length > 0 && args[0] == "compile") return CompileBenchmark.Run(args[1..]);
// `hub`: the web editor's page size, page-ready time and Run latency (see HubBenchmark.cs).
if (args.Length > 0 && args[0] == "hub") return await HubBenchmark.Run(args[1..]);
// `telemetry`: the SQLite telemetry store against the sqlite3 shell and naive baselines (TelemetryBenchmark.cs).
if (args.Length > 0 && args[0] == "telemetry") return TelemetryBenchmark.Run(args[1..]);
// `durable`: what acknowledging telemetry after the commit costs the store (DurableIngestBenchmark.cs).
if (args.Length > 0 && args[0] == "durable") return await DurableIngestBenchmark.Run(args[1..]);
// `fanout`: 50 boards at 10 Hz to 100 pages' live charts, the hub against mosquitto (FanoutBenchmark.cs).
if (args.Length > 0 && args[0] == "fanout") return await FanoutBenchmark.Run(args[1..]);
// `load`: 1,000 weather stations × 1 Hz on one hub process, against mosquitto (Load/LoadBenchmark.cs);
// `load-boards` is its load generator, started by it as a second process.
if (args.Length > 0 && args[0] == "load") return await RoboClub.Benchmarks.Load.LoadBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "load-boards") return await RoboClub.Benchmarks.Load.LoadGenerator.Run(args[1..]);
// `forwarding`: club hubs catching up a day's backlog to one regional hub (ForwardingBenchmark.cs).
if (args.Length > 0 && args[0] == "forwarding") return await ForwardingBenchmark.Run(args[1..]);
// `logins`: what board logins cost the hub: one password check, a reconnect storm (LoginBenchmark.cs).
if (args.Length > 0 && args[0] == "logins") return await LoginBenchmark.Run(args[1..]);

var options = Options.Parse(args);
if (options is null) return 2;
if (options.List)
{
    foreach (var s in Scenario.All(options.Quick, options.V5)) Console.WriteLine($"{s.Name,-10} {s.Title}: {s.Description}");
    return 0;
}

var scenarios = Scenario.All(options.Quick, options.V5)
    .Where(s => options.Only.Count == 0 || options.Only.Any(o => s.Name.Equals(o, StringComparison.OrdinalIgnoreCase)))
    .ToList();
if (scenarios.Count == 0)
{
    Console.Error.WriteLine($"no scenario named {string.Join(",", options.Only)}; --list shows them");
    return 2;
}

long openFiles = Environment.ProcessorCount > 0 ? SystemInfo.OpenFileLimit() : -1;
int maxClients = scenarios.Max(s => s.Throughput.Publishers + s.Throughput.Subscribers);
if (openFiles >= 0 && openFiles < maxClients + 200)
    Console.Error.WriteLine($"warning: ulimit -n is {openFiles}; {maxClients} client sockets (plus the broker's own) need more: run `ulimit -n 20000` first");

string header = $"RoboClub broker benchmark — {(options.Quick ? "quick (smoke test, not for reporting)" : "full")} mode, MQTT {(options.V5 ? "5.0" : "3.1.1")}, runs {options.Runs}, " +
                $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, " +
                $"{SystemInfo.MosquittoVersion(options.MosquittoPath)}, ulimit -n {openFiles}, load average at start {SystemInfo.LoadAverage()}";
Console.WriteLine(header);
Console.WriteLine();

var report = new Report(header, options);
int exitCode = 0;
var total = Stopwatch.StartNew();
foreach (var scenario in scenarios)
{
    Console.WriteLine($"### {scenario.Title}  [{scenario.Name}]");
    Console.WriteLine($"    {scenario.Description}");
    var perBroker = options.Brokers.ToDictionary(b => b, _ => new List<BrokerRun>());
    for (int run = 0; run < options.Runs; run++)
    {
        // Alternate the order between runs so neither broker always runs on a warmer machine.
        var order = run % 2 == 0 ? options.Brokers : options.Brokers.AsEnumerable().Reverse().ToArray();
        foreach (var brokerName in order)
        {
            var r = await RunScenarioOnceAsync(scenario, brokerName, options);
            perBroker[brokerName].Add(r);
            Console.WriteLine($"    run {run + 1} {brokerName,-9} {r.OneLine()}");
            if (r.StartError is not null) Console.WriteLine($"      ! {r.StartError.Replace("\n", "\n        ")}");
            foreach (var e in r.Errors) Console.WriteLine($"      ! {e}");
        }
    }
    var summary = new ScenarioSummary(scenario, options.Brokers.ToDictionary(b => b, b => BrokerSummary.From(perBroker[b])));
    report.Add(summary);
    Console.WriteLine();
    Console.WriteLine(Report.ScenarioTable(summary, options.Brokers));
    if (scenario.ZeroLossRequired && summary.Brokers.Values.Any(b => b.Lost > 0))
    {
        Console.WriteLine($"    FAIL: messages lost at QoS {scenario.Throughput.Qos}");
        exitCode = 1;
    }
    if (summary.Brokers.Values.Any(b => b.Failed)) exitCode = Math.Max(exitCode, 3);
}

Console.WriteLine("## Summary (ours/mosquitto: throughput ratio ≥ 1.0× and p99 ratio ≤ 1.0× are the goal)");
Console.WriteLine(report.SummaryTable());
Console.WriteLine($"total time {total.Elapsed.TotalSeconds:0} s, load average at the end {SystemInfo.LoadAverage()}");
try
{
    var outPath = Path.GetFullPath(options.OutFile);
    Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
    await File.WriteAllTextAsync(outPath, report.Markdown(total.Elapsed));
    Console.WriteLine($"results written to {outPath}");
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"could not write {options.OutFile}: {e.Message}");
}
if (exitCode == 1) Console.WriteLine("exit 1: a QoS ≥ 1 scenario lost messages");
if (exitCode == 3) Console.WriteLine("exit 3: a broker failed to start or a scenario could not run");
return exitCode;

static async Task<BrokerRun> RunScenarioOnceAsync(Scenario scenario, string brokerName, Options options)
{
    await using BrokerUnderTest broker = brokerName == "mosquitto"
        ? new MosquittoBroker(options.MosquittoPath, options.MaxInflight, !options.MosquittoNagle)
        : new RoboClubBroker(options.RoboClubDll);
    try
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await broker.StartAsync(BrokerUnderTest.FreePort(), cts.Token);
    }
    catch (Exception e)
    {
        return new BrokerRun { StartError = $"{broker.Name} did not start: {e.Message}" };
    }
    var cpu = () => broker.CpuTime;
    var warm = await PhaseRunner.RunAsync(broker.EndPoint, scenario.Warmup, cpu);
    var thr = await PhaseRunner.RunAsync(broker.EndPoint, scenario.Throughput, cpu);
    PhaseResult? lat = null;
    if (scenario.Latency is { } l) lat = await PhaseRunner.RunAsync(broker.EndPoint, l, cpu);
    if (Environment.GetEnvironmentVariable("RCBENCH_DEBUG") == "1")
        foreach (var r in new[] { warm, thr, lat }) if (r is not null) Console.Error.WriteLine($"      [debug] {r}");
    var errors = new List<string>();
    errors.AddRange(warm.Errors.Select(e => "warm-up: " + e));
    errors.AddRange(thr.Errors.Select(e => "throughput: " + e));
    if (lat is not null) errors.AddRange(lat.Errors.Select(e => "latency: " + e));
    return new BrokerRun { Throughput = thr, Latency = lat, PeakRssMb = broker.PeakResidentMegabytes, Errors = errors, WarmupLost = warm.Lost };
}

sealed class Options
{
    public bool Quick;
    public bool V5;
    public bool List;
    public bool MosquittoNagle;
    public int Runs; // 0: 3 in the full run, 1 with --quick
    public int MaxInflight = 100; // = MqttBrokerOptions.MaximumInflightMessages default
    public List<string> Only = [];
    public string[] Brokers = ["mosquitto", "ours"];
    public string MosquittoPath = "/usr/sbin/mosquitto";
    public string? RoboClubDll;
    public string OutFile = Path.Combine("BenchmarkDotNet.Artifacts", "broker-results.md");

    const string Usage = """
        usage: dotnet run -c Release --project tests/RoboClub.Benchmarks -- [options]
          --quick                 small counts (smoke test, ~1 minute per broker); default is the full run
          --only NAME[,NAME]      run only these scenarios (see --list)
          --broker ours|mosquitto|both   default both
          --runs N                repeat each scenario N times per broker (median reported); default 3 (--quick: 1)
          --v5                    speak MQTT 5.0 instead of 3.1.1
          --out FILE              markdown results (default BenchmarkDotNet.Artifacts/broker-results.md)
          --mosquitto PATH        default /usr/sbin/mosquitto
          --roboclub PATH         roboclub.dll to run as `dotnet PATH broker ...` (default: the Release build in the repo, built when missing or stale)
          --max-inflight N        mosquitto max_inflight_messages (default 100 = ours)
          --mosquitto-nagle       leave out `set_tcp_nodelay true` (mosquitto's default: Nagle on)
          --list                  list the scenarios and exit
        exit code: 0 ok, 1 a QoS >= 1 scenario lost messages, 2 bad arguments, 3 a broker failed
        """;

    public static Options? Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            try
            {
                switch (a)
                {
                    case "--quick": o.Quick = true; break;
                    case "--v5": o.V5 = true; break;
                    case "--list": o.List = true; break;
                    case "--mosquitto-nagle": o.MosquittoNagle = true; break;
                    case "--only": o.Only.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                    case "--broker":
                        o.Brokers = Next() switch
                        {
                            "ours" => ["ours"],
                            "mosquitto" => ["mosquitto"],
                            "both" => ["mosquitto", "ours"],
                            var v => throw new ArgumentException($"--broker {v}: expected ours, mosquitto or both"),
                        };
                        break;
                    case "--runs": o.Runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                    case "--max-inflight": o.MaxInflight = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                    case "--out": o.OutFile = Next(); break;
                    case "--mosquitto": o.MosquittoPath = Next(); break;
                    case "--roboclub": o.RoboClubDll = Next(); break;
                    case "-h" or "--help": Console.WriteLine(Usage); return null;
                    default: throw new ArgumentException($"unknown option {a}");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        if (o.Runs == 0) o.Runs = o.Quick ? 1 : 3;
        return o;
    }
}

static class SystemInfo
{
    /// <summary>The soft "Max open files" limit (ulimit -n), or -1.</summary>
    public static long OpenFileLimit()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/limits"))
                if (line.StartsWith("Max open files", StringComparison.Ordinal))
                    return long.Parse(line["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException) { }
        return -1;
    }

    /// <summary>The 1-minute load average: other work on the machine skews both brokers' numbers.</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    public static string MosquittoVersion(string path)
    {
        try
        {
            var psi = new ProcessStartInfo(path, "-h") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            string first = p.StandardOutput.ReadLine() ?? "";
            p.WaitForExit(2000);
            return first.StartsWith("mosquitto version", StringComparison.Ordinal) ? first : "mosquitto (version unknown)";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "mosquitto not found";
        }
    }
}

sealed class BrokerRun
{
    public PhaseResult? Throughput;
    public PhaseResult? Latency;
    public double PeakRssMb = double.NaN;
    public string? StartError;
    public long WarmupLost;
    public List<string> Errors = [];

    public string OneLine()
    {
        if (Throughput is not { } t) return "not run";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{t.MessagesPerSecond,10:N0} msg/s  loaded p50 {t.P50,7:0.###} p99 {t.P99,8:0.###} ms");
        if (Latency is { } l) sb.Append(CultureInfo.InvariantCulture, $"  @{l.Expected / Math.Max(1, l.Seconds):0}/s p50 {l.P50:0.###} p99 {l.P99:0.###} ms");
        if (t.ConnectsPerSecond > 0) sb.Append(CultureInfo.InvariantCulture, $"  {t.ConnectsPerSecond:N0} connects/s, connect p99 {t.ConnectP99:0.#} ms");
        sb.Append(CultureInfo.InvariantCulture, $"  lost {t.Lost + (Latency?.Lost ?? 0)}  broker CPU {t.BrokerCpuSeconds:0.00} s / load {t.LoadCpuSeconds:0.00} s in {t.Seconds:0.00} s");
        return sb.ToString();
    }
}
