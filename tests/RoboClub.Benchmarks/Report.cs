using System.Globalization;
using System.Text;

namespace RoboClub.Benchmarks;

/// <summary>One broker's numbers for one scenario: medians over the runs (losses are summed).</summary>
sealed class BrokerSummary
{
    public bool Failed;
    public string? FailReason;
    public int Runs;
    public double MsgPerSec = double.NaN;
    public double LoadedP50 = double.NaN, LoadedP99 = double.NaN;
    public double FixedRate = double.NaN, FixedP50 = double.NaN, FixedP99 = double.NaN;
    public long Lost, Duplicates;
    public double BrokerCpuMsPer1k = double.NaN, LoadCpuShare = double.NaN;
    public double PeakRssMb = double.NaN;
    public double ConnectsPerSec = double.NaN, ConnectP50 = double.NaN, ConnectP99 = double.NaN;

    public static BrokerSummary From(List<BrokerRun> runs)
    {
        var ok = runs.Where(r => r.Throughput is not null).ToList();
        var s = new BrokerSummary { Runs = ok.Count };
        if (ok.Count == 0)
        {
            s.Failed = true;
            s.FailReason = runs.Select(r => r.StartError).FirstOrDefault(e => e is not null) ?? "not run";
            return s;
        }
        var t = ok.Select(r => r.Throughput!).ToList();
        s.MsgPerSec = Median(t.Select(x => x.MessagesPerSecond));
        s.LoadedP50 = Median(t.Select(x => x.P50));
        s.LoadedP99 = Median(t.Select(x => x.P99));
        s.Lost = ok.Sum(r => r.Throughput!.Lost + (r.Latency?.Lost ?? 0));
        s.Duplicates = ok.Sum(r => r.Throughput!.Duplicates + (r.Latency?.Duplicates ?? 0));
        s.BrokerCpuMsPer1k = Median(t.Select(x => x.Delivered > 0 ? x.BrokerCpuSeconds * 1e6 / x.Delivered : double.NaN));
        s.LoadCpuShare = Median(t.Select(x => x.Seconds > 0 ? x.LoadCpuSeconds / x.Seconds : double.NaN));
        s.PeakRssMb = ok.Max(r => r.PeakRssMb);
        var l = ok.Where(r => r.Latency is not null).Select(r => r.Latency!).ToList();
        if (l.Count > 0)
        {
            s.FixedRate = Median(l.Select(x => x.Seconds > 0 ? x.Delivered / x.Seconds : double.NaN));
            s.FixedP50 = Median(l.Select(x => x.P50));
            s.FixedP99 = Median(l.Select(x => x.P99));
        }
        if (t.Any(x => x.ConnectsPerSecond > 0))
        {
            s.ConnectsPerSec = Median(t.Select(x => x.ConnectsPerSecond));
            s.ConnectP50 = Median(t.Select(x => x.ConnectP50));
            s.ConnectP99 = Median(t.Select(x => x.ConnectP99));
        }
        return s;
    }

    /// <summary>The p99 the summary compares: at the fixed rate when there is such a phase, else under load.</summary>
    public double HeadlineP99 => double.IsNaN(FixedP99) ? LoadedP99 : FixedP99;

    static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}

sealed record ScenarioSummary(Scenario Scenario, Dictionary<string, BrokerSummary> Brokers);

sealed class Report(string header, Options options)
{
    readonly List<ScenarioSummary> _scenarios = [];

    public void Add(ScenarioSummary s) => _scenarios.Add(s);

    static string N(double v, string format) => double.IsNaN(v) ? "—" : v.ToString(format, CultureInfo.InvariantCulture);
    static string Ratio(double ours, double theirs) => double.IsNaN(ours) || double.IsNaN(theirs) || theirs == 0 ? "—" : (ours / theirs).ToString("0.00", CultureInfo.InvariantCulture) + "×";

    /// <summary>Metric rows × broker columns, plus ours/mosquitto when both ran.</summary>
    public static string ScenarioTable(ScenarioSummary s, string[] brokers)
    {
        bool both = brokers.Contains("ours") && brokers.Contains("mosquitto");
        var cols = new[] { "mosquitto", "ours" }.Where(brokers.Contains).ToArray();
        var sb = new StringBuilder();
        sb.Append("| metric | ").Append(string.Join(" | ", cols)).Append(both ? " | ours/mosquitto |" : " |").AppendLine();
        sb.Append("|---|").Append(string.Concat(cols.Select(_ => "---:|"))).Append(both ? "---:|" : "").AppendLine();
        void Row(string name, Func<BrokerSummary, double> f, string fmt, bool ratio = true)
        {
            sb.Append("| ").Append(name).Append(" | ");
            sb.Append(string.Join(" | ", cols.Select(c => s.Brokers[c].Failed ? "failed" : N(f(s.Brokers[c]), fmt))));
            if (both) sb.Append(" | ").Append(ratio ? Ratio(f(s.Brokers["ours"]), f(s.Brokers["mosquitto"])) : "");
            sb.AppendLine(" |");
        }
        Row("delivered msg/s", b => b.MsgPerSec, "N0");
        if (s.Scenario.Latency is { } lat)
        {
            Row($"p50 latency @ {lat.Rate:N0} msg/s (ms)", b => b.FixedP50, "0.000");
            Row($"p99 latency @ {lat.Rate:N0} msg/s (ms)", b => b.FixedP99, "0.000");
        }
        Row("p50 latency under full load (ms)", b => b.LoadedP50, "0.000");
        Row("p99 latency under full load (ms)", b => b.LoadedP99, "0.000");
        if (s.Scenario.Throughput.Storm)
        {
            Row("connects/s (until the last CONNACK)", b => b.ConnectsPerSec, "N0");
            Row("connect p50: TCP connect → CONNACK (ms)", b => b.ConnectP50, "0.0");
            Row("connect p99 (ms)", b => b.ConnectP99, "0.0");
        }
        Row(s.Scenario.ZeroLossRequired ? "lost (must be 0)" : "lost (QoS 0: allowed)", b => b.Lost, "N0", false);
        Row("broker CPU per 1k deliveries (ms)", b => b.BrokerCpuMsPer1k, "0.0");
        Row("load generator CPU (cores)", b => b.LoadCpuShare, "0.00", false);
        Row("broker peak RSS (MB)", b => b.PeakRssMb, "0");
        foreach (var c in cols)
            if (s.Brokers[c].Failed) sb.AppendLine().Append("*").Append(c).Append(" failed:* ").AppendLine(s.Brokers[c].FailReason?.Split('\n')[0]);
        return sb.ToString();
    }

    public string SummaryTable()
    {
        var b = options.Brokers;
        bool both = b.Contains("ours") && b.Contains("mosquitto");
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | mosquitto msg/s | ours msg/s | throughput ours/mosq | mosquitto p99 ms | ours p99 ms | p99 ours/mosq | lost mosq / ours |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in _scenarios)
        {
            BrokerSummary? m = s.Brokers.GetValueOrDefault("mosquitto"), o = s.Brokers.GetValueOrDefault("ours");
            string Cell(BrokerSummary? x, Func<BrokerSummary, double> f, string fmt) => x is null ? "—" : x.Failed ? "failed" : N(f(x), fmt);
            string Lost(BrokerSummary? x) => x is null ? "—" : x.Failed ? "failed" : x.Lost.ToString("N0", CultureInfo.InvariantCulture);
            sb.Append("| ").Append(s.Scenario.Title).Append(s.Scenario.Latency is null ? " ¹" : "")
              .Append(" | ").Append(Cell(m, x => x.MsgPerSec, "N0"))
              .Append(" | ").Append(Cell(o, x => x.MsgPerSec, "N0"))
              .Append(" | ").Append(both && !m!.Failed && !o!.Failed ? Ratio(o.MsgPerSec, m.MsgPerSec) : "—")
              .Append(" | ").Append(Cell(m, x => x.HeadlineP99, "0.000"))
              .Append(" | ").Append(Cell(o, x => x.HeadlineP99, "0.000"))
              .Append(" | ").Append(both && !m!.Failed && !o!.Failed ? Ratio(o.HeadlineP99, m.HeadlineP99) : "—")
              .Append(" | ").Append(Lost(m)).Append(" / ").Append(Lost(o)).AppendLine(" |");
        }
        sb.AppendLine();
        sb.AppendLine("p99 is publish→delivery latency at the scenario's fixed rate (1,000 msg/s; fan-out 100 msg/s × 100 subscribers);");
        sb.AppendLine("¹ the storm has no fixed-rate phase: its p99 is publish→delivery while the storm runs.");
        return sb.ToString();
    }

    public string Markdown(TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# RoboClub broker benchmark results").AppendLine();
        sb.AppendLine(header).AppendLine();
        sb.AppendLine($"Command: `dotnet run -c Release --project tests/RoboClub.Benchmarks -- {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}` — total {elapsed.TotalSeconds:0} s, load average at the end {SystemInfo.LoadAverage()}.").AppendLine();
        sb.AppendLine("mosquitto config: " + MosquittoBroker.ConfigText(0, options.MaxInflight, !options.MosquittoNagle).Replace("listener 0 127.0.0.1\n", "listener PORT 127.0.0.1; ").Replace("\n", "; ").TrimEnd(' ', ';')).AppendLine();
        sb.AppendLine("ours: `dotnet roboclub.dll broker --port PORT --max-queued 0`").AppendLine();
        sb.AppendLine("## Summary").AppendLine();
        sb.AppendLine(SummaryTable());
        foreach (var s in _scenarios)
        {
            sb.AppendLine($"## {s.Scenario.Title} (`{s.Scenario.Name}`)").AppendLine();
            sb.AppendLine(s.Scenario.Description).AppendLine();
            sb.AppendLine(ScenarioTable(s, options.Brokers));
        }
        return sb.ToString();
    }
}
