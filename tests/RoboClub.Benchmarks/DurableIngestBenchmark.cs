using System.Diagnostics;
using RoboClub.Telemetry;

namespace RoboClub.Benchmarks;

/// <summary>
/// `durable`: what acknowledging after the commit costs the SQLite store. The same 1,000,000
/// samples (batches of 50 from 100 boards) are stored three ways: Append (queue and return, the
/// hub's path before issue 9), AppendAsync (wait for the commit; 256 batches outstanding, as many
/// boards' unacknowledged messages would be), and AppendAsync with a batch fingerprint (the hub's
/// path now: also records the fingerprint to recognise a redelivered message).
/// </summary>
static class DurableIngestBenchmark
{
    const int BatchSize = 50, Boards = 100, Outstanding = 256;

    public static async Task<int> Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        int points = quick ? 200_000 : 1_000_000;
        string dir = Directory.CreateTempSubdirectory("roboclub-durable-bench-").FullName;
        Console.WriteLine($"Durable ingest benchmark — {points:N0} samples in batches of {BatchSize} from {Boards} boards, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                          $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        try
        {
            await Measure(dir, "warm-up", 50_000, Mode.Fingerprinted); // JIT every path
            foreach (var mode in new[] { Mode.Queued, Mode.Committed, Mode.Fingerprinted })
            {
                var (seconds, cpu) = await Measure(dir, mode.ToString(), points, mode);
                Console.WriteLine($"  {Describe(mode),-52} {points / seconds,10:N0} samples/s  {points / BatchSize / seconds,8:N0} batches/s  {cpu / seconds * 100,4:0} % CPU");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }

    enum Mode { Queued, Committed, Fingerprinted }

    static string Describe(Mode mode) => mode switch
    {
        Mode.Queued => "Append (queued, no ack wait)",
        Mode.Committed => "AppendAsync (completes after commit)",
        _ => "AppendAsync + fingerprint (the hub's path)",
    };

    static async Task<(double Seconds, double CpuSeconds)> Measure(string dir, string name, int points, Mode mode)
    {
        await using var store = SqliteTelemetryStore.Open(Path.Combine(dir, name + ".db"));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var pending = new Queue<Task>();
        for (int i = 0, b = 0; i < points; i += BatchSize, b++)
        {
            var batch = new TelemetrySample[BatchSize];
            for (int j = 0; j < BatchSize; j++)
            {
                long k = i + j;
                batch[j] = new TelemetrySample("temperature", TelemetryBenchmark.Start + k * TelemetryBenchmark.StepMs, TelemetryBenchmark.Value(k));
            }
            string board = $"station-{b % Boards}";
            if (mode == Mode.Queued)
            {
                while (store.Stats.Queued > 100_000) Thread.Sleep(1);
                store.Append(TelemetryBenchmark.Club, board, batch);
                continue;
            }
            if (pending.Count == Outstanding) await pending.Dequeue();
            pending.Enqueue(store.AppendAsync(TelemetryBenchmark.Club, board, batch, mode == Mode.Fingerprinted ? b : null));
        }
        while (pending.Count > 0) await pending.Dequeue();
        await store.FlushAsync();
        double seconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        return (seconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }
}
