using System.Diagnostics;
using System.Globalization;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// `-- load-boards --port N --boards N [--host 127.0.0.1] [--club club] [--tick-ms 100]`: the load
/// generator of the `load` benchmark, in its own process so that the server's CPU is measured alone.
/// Runs N weather stations (<see cref="LoadBoard"/>) from one 100 ms loop; they record their sensors at
/// the period of the retained config the server sends them. Talks to the harness by lines:
/// stdout "connected N", "recording N" (every board has a period); "count" on stdin answers "count S"
/// (samples published so far); after "drain" (the harness first sent config {} so the boards stop
/// recording) "sent S dropped D waiting W".
/// </summary>
static class LoadGenerator
{
    public static async Task<int> Run(string[] args)
    {
        string host = Text(args, "--host", "127.0.0.1"), club = Text(args, "--club", "club");
        int port = LoadBenchmark.Arg(args, "--port", 0), count = LoadBenchmark.Arg(args, "--boards", 0), tickMs = LoadBenchmark.Arg(args, "--tick-ms", 100);
        if (port == 0 || count == 0)
        {
            Console.Error.WriteLine("usage: load-boards --port MQTT_PORT --boards N [--host 127.0.0.1] [--club club] [--tick-ms 100]");
            return 2;
        }
        OpenFiles.RaiseToHardLimit();
        var boards = Enumerable.Range(1, count).Select(i => new LoadBoard(club, $"load-{i:D4}", host, port, seed: i)).ToArray();
        using var stop = new CancellationTokenSource();

        // The board loop runs from the first connection on: config arrives in Tick.
        var loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(tickMs));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                    foreach (var b in boards) b.Step(tickMs);
            }
            catch (OperationCanceledException) { }
        });

        // At most 20 handshakes at a time: a thousand at once is a reconnect storm, not telemetry.
        using (var gate = new SemaphoreSlim(20))
        {
            await Task.WhenAll(boards.Select(async b =>
            {
                await gate.WaitAsync();
                try { await b.StartAsync(CancellationToken.None); }
                finally { gate.Release(); }
            }));
        }
        Console.WriteLine($"connected {count}");
        if (!await Until(() => boards.All(b => b.LoggerPeriodMs > 0), TimeSpan.FromSeconds(120)))
        {
            Console.WriteLine($"error: only {boards.Count(b => b.LoggerPeriodMs > 0)} of {count} boards got a telemetry period");
            return 1;
        }
        Console.WriteLine($"recording {count}");

        while (true)
        {
            string? line = await Console.In.ReadLineAsync();
            if (line is null) return 1; // the harness is gone: nothing to report to
            if (line.Trim() == "drain") break;
            if (line.Trim() == "count") Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"count {boards.Sum(b => b.SamplesSent)}"));
        }
        // The harness has sent config {}: wait until every board stopped recording and published what it had.
        bool drained = await Until(() => boards.All(b => b.LoggerPeriodMs == 0 && b.SamplesWaiting == 0), TimeSpan.FromSeconds(120));
        await Task.Delay(2000); // the last QoS 1 publishes leave the clients
        long sent = boards.Sum(b => b.SamplesSent), dropped = boards.Sum(b => b.SamplesDropped), waiting = boards.Sum(b => b.SamplesWaiting);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent} dropped {dropped} waiting {waiting} {(drained ? "drained" : "not-drained")}"));
        await stop.CancelAsync();
        await loop;
        await Task.WhenAll(boards.Select(b => b.DisposeAsync().AsTask()));
        return drained ? 0 : 1;
    }

    static async Task<bool> Until(Func<bool> condition, TimeSpan timeout)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(200))
            if (condition()) return true;
        return condition();
    }

    static string Text(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
