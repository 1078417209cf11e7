using System.Diagnostics;
using System.Net;

namespace RoboClub.Benchmarks;

/// <summary>What one phase measured. Times in milliseconds.</summary>
sealed record PhaseResult
{
    public required string Name { get; init; }
    public long Expected { get; init; }
    public long Delivered { get; init; }
    public long Lost { get; init; }
    public long Duplicates { get; init; }
    /// <summary>First publish (or, for a storm, first connect attempt) to last delivery.</summary>
    public double Seconds { get; init; }
    public double MessagesPerSecond { get; init; }
    public double P50 { get; init; }
    public double P99 { get; init; }
    public double Max { get; init; }
    public double BrokerCpuSeconds { get; init; }
    public double LoadCpuSeconds { get; init; }
    public bool TimedOut { get; init; }
    public double ConnectsPerSecond { get; init; }
    public double ConnectP50 { get; init; }
    public double ConnectP99 { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>Runs one <see cref="PhaseSpec"/> against a broker: connect, publish, count, tear down.</summary>
static class PhaseRunner
{
    static int s_phaseId;
    static readonly double Freq = Stopwatch.Frequency;

    public static async Task<PhaseResult> RunAsync(IPEndPoint endPoint, PhaseSpec spec, Func<TimeSpan> brokerCpu)
    {
        int id = Interlocked.Increment(ref s_phaseId);
        string prefix = $"bench/{id}/";
        var state = new PhaseState(spec);
        var pubs = new Publisher[spec.Publishers];
        for (int i = 0; i < pubs.Length; i++) pubs[i] = new Publisher(state, i, prefix + i);
        string filter = pubs.Length == 1 ? pubs[0].Topic : prefix + "+";
        var subs = new Subscriber[spec.Subscribers];
        var subConns = new BenchConnection?[spec.Subscribers];
        var pubConns = new BenchConnection?[spec.Publishers];
        var errors = new List<string>();
        using var setup = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        int subBuffer = spec.Subscribers <= 10 ? 256 * 1024 : 64 * 1024;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = setup.Token };

        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, subs.Length), parallel, async (i, ct) =>
            {
                var c = await BenchConnection.ConnectAsync(endPoint, $"rcbench-s{id}-{i}", spec.V5, subBuffer, ct).ConfigureAwait(false);
                subConns[i] = c;
                c.Subscriber = subs[i] = new Subscriber(state, pubs);
                await c.SubscribeAsync(filter, spec.Qos, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            foreach (var c in subConns) c!.StartReceiving(state);
            if (!spec.Storm)
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, pubs.Length), parallel, async (i, ct) =>
                {
                    var c = await BenchConnection.ConnectAsync(endPoint, $"rcbench-p{id}-{i}", spec.V5, 4096, ct).ConfigureAwait(false);
                    pubConns[i] = c;
                    Attach(c, pubs[i], state);
                }).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            await CloseAllAsync(subConns, pubConns).ConfigureAwait(false);
            return new PhaseResult { Name = spec.Name, Expected = spec.Expected, Lost = spec.Expected, Errors = [$"setup failed: {e.Message}"] };
        }

        // ------------------------------------------------------------ measured part
        var cpu0 = brokerCpu();
        var self0 = Process.GetCurrentProcess().TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        var connectTicks = new long[spec.Storm ? pubs.Length : 0];
        long lastConnAck = 0;
        int connectFailures = 0;
        Task[] tasks;
        if (spec.Storm)
        {
            tasks = new Task[pubs.Length];
            for (int i = 0; i < pubs.Length; i++)
            {
                int k = i;
                tasks[k] = Task.Run(async () =>
                {
                    long s = Stopwatch.GetTimestamp();
                    try
                    {
                        var c = await BenchConnection.ConnectAsync(endPoint, $"rcbench-p{id}-{k}", spec.V5, 1024, setup.Token).ConfigureAwait(false);
                        long now = Stopwatch.GetTimestamp();
                        connectTicks[k] = now - s;
                        long cur;
                        while (now > (cur = Volatile.Read(ref lastConnAck)) && Interlocked.CompareExchange(ref lastConnAck, now, cur) != cur) { }
                        pubConns[k] = c;
                        Attach(c, pubs[k], state);
                    }
                    catch (Exception e)
                    {
                        Interlocked.Increment(ref connectFailures);
                        pubs[k].Error ??= $"connect: {e.Message}";
                        return;
                    }
                    await pubs[k].RunAsync().ConfigureAwait(false);
                });
            }
        }
        else
        {
            long spacing = spec.Rate > 0 ? (long)(Freq / spec.Rate) : 0; // paced publishers are staggered evenly
            tasks = new Task[pubs.Length];
            for (int i = 0; i < pubs.Length; i++)
            {
                var p = pubs[i];
                long offset = spacing * i;
                tasks[i] = Task.Run(() => p.RunAsync(offset));
            }
        }

        var all = Task.WhenAll(tasks);
        long deadline = t0 + (long)(spec.Timeout.TotalSeconds * Freq);
        long lastProgress = t0, lastDelivered = -1;
        bool timedOut = false;
        while (true)
        {
            if (all.IsCompleted) await Task.Delay(20).ConfigureAwait(false); // WhenAny on a finished task would spin
            else await Task.WhenAny(all, Task.Delay(20)).ConfigureAwait(false);
            long now = Stopwatch.GetTimestamp();
            long delivered = 0;
            foreach (var s in subs) delivered += Volatile.Read(ref s.Delivered);
            bool pubsDone = all.IsCompleted;
            if (pubsDone && delivered >= spec.Expected) break;
            if (delivered != lastDelivered)
            {
                lastDelivered = delivered;
                lastProgress = now;
            }
            else
            {
                double idle = (now - lastProgress) / Freq;
                if (idle > 1 && !state.CreditDisabled)
                {
                    state.CreditDisabled = true; // deliveries stopped: do not wait for them any more
                    foreach (var p in pubs) p.Wake();
                }
                if (pubsDone && idle > 2) break; // the rest is lost
                if (subConns.All(c => c!.ReceiveLoop.IsCompleted)) break; // every subscriber is gone
            }
            if (now > deadline)
            {
                timedOut = true;
                break;
            }
        }
        if (Environment.GetEnvironmentVariable("RCBENCH_DEBUG") == "1")
        {
            foreach (var p in pubs.Take(3)) Console.Error.WriteLine($"      [debug] pub {p.Index}: sent {p.Sent} inflight {p.Inflight} delivered {p.DeliveredScaled} done {p.DoneTimestamp != 0}");
            for (int i = 0; i < Math.Min(3, subs.Length); i++) Console.Error.WriteLine($"      [debug] sub {i}: delivered {subs[i].Delivered} loop {subConns[i]!.ReceiveLoop.Status} {subConns[i]!.DebugState}");
        }
        var cpu1 = brokerCpu();
        var self1 = Process.GetCurrentProcess().TotalProcessorTime;
        state.Stopped = true;
        foreach (var p in pubs) p.Wake();
        try { await all.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); } catch (TimeoutException) { errors.Add("publishers did not stop within 5 s"); }

        // ------------------------------------------------------------ results
        long unique = 0, dups = 0, total = 0, lastDelivery = 0, latencyCount = 0;
        foreach (var s in subs)
        {
            unique += s.Unique;
            dups += s.Duplicates;
            total += s.Delivered;
            lastDelivery = Math.Max(lastDelivery, s.LastDelivery);
            latencyCount += s.Latencies.Length;
        }
        var lat = new long[latencyCount];
        int at = 0;
        foreach (var s in subs)
        {
            s.Latencies.CopyTo(lat.AsSpan(at));
            at += s.Latencies.Length;
        }
        Array.Sort(lat);
        long start = spec.Storm ? t0 : state.FirstPublish;
        double seconds = lastDelivery > start && start != long.MaxValue ? (lastDelivery - start) / Freq : 0;

        foreach (var p in pubs) if (p.Error is { } pe) errors.Add($"publisher {p.Index}: {pe}");
        int shortPubs = pubs.Count(p => p.Sent < spec.MessagesPerPublisher);
        if (shortPubs > 0) errors.Add($"{shortPubs} publisher(s) did not send all messages (e.g. #{pubs.First(p => p.Sent < spec.MessagesPerPublisher).Index}: {pubs.First(p => p.Sent < spec.MessagesPerPublisher).Sent:N0})");
        for (int i = 0; i < subConns.Length; i++)
            if (subConns[i]!.Error is { } se) errors.Add($"subscriber {i}: {se}");
            else if (subConns[i]!.CloseReason is { } cr) errors.Add($"subscriber {i}: {cr}");
        foreach (var c in pubConns) if (c?.Error is { } ce) errors.Add($"publisher connection: {ce}");
        if (timedOut) errors.Add($"timed out after {spec.Timeout.TotalSeconds:0} s");
        if (connectFailures > 0) errors.Insert(0, $"{connectFailures} connections failed");

        Array.Sort(connectTicks);
        var okConnects = connectTicks.AsSpan(connectFailures); // failed ones are 0 and sort first
        var result = new PhaseResult
        {
            Name = spec.Name,
            Expected = spec.Expected,
            Delivered = unique,
            Lost = spec.Expected - unique,
            Duplicates = dups,
            Seconds = seconds,
            MessagesPerSecond = seconds > 0 ? unique / seconds : 0,
            P50 = Percentile(lat, 0.50),
            P99 = Percentile(lat, 0.99),
            Max = lat.Length > 0 ? PhaseState.TicksToMs(lat[^1]) : double.NaN,
            BrokerCpuSeconds = (cpu1 - cpu0).TotalSeconds,
            LoadCpuSeconds = (self1 - self0).TotalSeconds,
            TimedOut = timedOut,
            ConnectsPerSecond = spec.Storm && lastConnAck > t0 ? okConnects.Length / ((lastConnAck - t0) / Freq) : 0,
            ConnectP50 = spec.Storm ? Percentile(okConnects, 0.50) : double.NaN,
            ConnectP99 = spec.Storm ? Percentile(okConnects, 0.99) : double.NaN,
            Errors = errors.Distinct().Take(10).ToList(),
        };
        await CloseAllAsync(subConns, pubConns).ConfigureAwait(false);
        return result;
    }

    static void Attach(BenchConnection c, Publisher p, PhaseState state)
    {
        c.Publisher = p;
        p.Connection = c;
        p.LimitWindow(c.BrokerReceiveMaximum);
        c.StartReceiving(state);
    }

    /// <summary>Nearest-rank percentile of sorted Stopwatch tick values, in milliseconds.</summary>
    static double Percentile(ReadOnlySpan<long> sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        int rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return PhaseState.TicksToMs(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    static async Task CloseAllAsync(BenchConnection?[] subs, BenchConnection?[] pubs)
    {
        // Publishers first, so subscribers do not see a flood of wills or errors.
        await Parallel.ForEachAsync(pubs.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (c, _) => await c!.CloseAsync().ConfigureAwait(false)).ConfigureAwait(false);
        await Parallel.ForEachAsync(subs.Where(c => c is not null), new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (c, _) => await c!.CloseAsync().ConfigureAwait(false)).ConfigureAwait(false);
    }
}
