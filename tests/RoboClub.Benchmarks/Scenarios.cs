namespace RoboClub.Benchmarks;

/// <summary>
/// One benchmark case: a throughput phase (as fast as the broker sustains; gives delivered msg/s
/// and latency under load) and, for most cases, a fixed-rate phase (gives latency without queueing).
/// A smaller warm-up copy of the throughput phase runs first on every broker instance (JIT, caches).
/// </summary>
sealed record Scenario(string Name, string Title, PhaseSpec Throughput, PhaseSpec? Latency, bool ZeroLossRequired)
{
    public PhaseSpec Warmup => Throughput with
    {
        Name = Throughput.Name + " (warm-up)",
        MessagesPerPublisher = Math.Max(1, Throughput.MessagesPerPublisher / 10),
        Publishers = Throughput.Storm ? Math.Max(1, Throughput.Publishers / 10) : Throughput.Publishers,
    };

    public string Description
    {
        get
        {
            var t = Throughput;
            string s = t.Storm
                ? $"{t.Publishers:N0} clients connect at once, each publishes 1 QoS {t.Qos} message ({t.PayloadSize} B) → {t.Subscribers} subscriber"
                : $"{t.Publishers:N0} publisher(s) × {t.MessagesPerPublisher:N0} msgs → {t.Subscribers:N0} subscriber(s), QoS {t.Qos}, {t.PayloadSize:N0} B payload"
                  + (t.Qos > 0 ? $", window {t.Window} per publisher" : "") + $", ahead ≤ {t.Ahead:N0}/publisher";
            if (Latency is { } l) s += $"; latency phase: {l.Rate:N0} msg/s for {l.Publishers * (long)l.MessagesPerPublisher / l.Rate:0.#} s";
            return s;
        }
    }

    /// <summary>The cases of the issue. <paramref name="quick"/> shrinks counts for a smoke test.</summary>
    public static IReadOnlyList<Scenario> All(bool quick, bool v5)
    {
        int scale = quick ? 10 : 1;
        double latencySeconds = quick ? 1 : 5;
        var list = new List<Scenario>();

        PhaseSpec P(string name, int pubs, int subs, int perPub, int qos, int payload, int window, int ahead) => new()
        {
            Name = name,
            Publishers = pubs,
            Subscribers = subs,
            MessagesPerPublisher = Math.Max(1, perPub / scale),
            Qos = qos,
            PayloadSize = payload,
            Window = window,
            Ahead = ahead,
            V5 = v5,
        };
        PhaseSpec L(PhaseSpec t, double rate) => t with
        {
            Name = t.Name + " @" + rate + "/s",
            Rate = rate,
            MessagesPerPublisher = Math.Max(1, (int)(rate * latencySeconds / t.Publishers)),
            Ahead = Math.Max(t.Ahead, 1000),
        };
        void Add(string name, string title, PhaseSpec t, double latencyRate, bool zeroLoss)
            => list.Add(new Scenario(name, title, t, latencyRate > 0 ? L(t, latencyRate) : null, zeroLoss));

        Add("qos0", "1 → 1, QoS 0, 64 B", P("qos0", 1, 1, 500_000, 0, 64, 0, 5_000), 1000, false);
        Add("qos1", "1 → 1, QoS 1, 64 B", P("qos1", 1, 1, 200_000, 1, 64, 100, 5_000), 1000, true);
        Add("qos2", "1 → 1, QoS 2, 64 B", P("qos2", 1, 1, 100_000, 2, 64, 100, 5_000), 1000, true);
        Add("qos0-4k", "1 → 1, QoS 0, 4 KB", P("qos0-4k", 1, 1, 100_000, 0, 4096, 0, 2_000), 1000, false);
        Add("qos1-4k", "1 → 1, QoS 1, 4 KB", P("qos1-4k", 1, 1, 50_000, 1, 4096, 100, 2_000), 1000, true);
        Add("fanin100", "100 publishers → 1, QoS 1", P("fanin100", 100, 1, 1_000, 1, 64, 10, 100), 1000, true);
        Add("fanin1000", "1,000 publishers → 1, QoS 1", P("fanin1000", 1000, 1, 100, 1, 64, 1, 10), 1000, true);
        Add("fanout100", "1 → 100 subscribers, QoS 0", P("fanout100", 1, 100, 10_000, 0, 64, 0, 200), 100, false);
        var storm = P("storm5000", quick ? 1000 : 5000, 1, 1, 1, 64, 1, 1) with { Storm = true, MessagesPerPublisher = 1 };
        Add("storm5000", $"{storm.Publishers:N0}-client connect-and-publish storm, QoS 1", storm, 0, true);
        return list;
    }
}
