using System.Globalization;

namespace RoboClub.Hub.Tests.Load;

/// <summary>
/// "Memory stays flat": memory sampled at even intervals of a long run (after a forced GC), compared
/// quarter against quarter. The first quarter is warm-up (JIT, caches, pools filling) and is ignored;
/// the median of the last quarter may exceed the median of the second quarter by at most
/// max(<see cref="ToleranceMb"/>, <see cref="TolerancePercent"/> % of it). Medians, so a single GC
/// that kept more than usual does not fail the run; a leak grows the whole last quarter and does.
/// </summary>
public sealed record MemoryFlatness(double ToleranceMb, double TolerancePercent)
{
    /// <summary>The smallest series with a quarter of at least two samples.</summary>
    public const int MinSamples = 8;

    public sealed record Verdict(bool Flat, double SecondQuarterMb, double LastQuarterMb, double AllowedGrowthMb)
    {
        public double GrowthMb => LastQuarterMb - SecondQuarterMb;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{(Flat ? "flat" : "GROWING")}: median {SecondQuarterMb:F1} MB in the second quarter, {LastQuarterMb:F1} MB in the last ({GrowthMb:+0.0;-0.0} MB, allowed +{AllowedGrowthMb:F1} MB)");
    }

    public Verdict Judge(IReadOnlyList<double> samplesMb)
    {
        if (samplesMb.Count < MinSamples)
            throw new ArgumentException($"{samplesMb.Count} memory samples: at least {MinSamples} are needed to compare quarters", nameof(samplesMb));
        int quarter = samplesMb.Count / 4;
        double second = Median(samplesMb.Skip(quarter).Take(quarter));
        double last = Median(samplesMb.Skip(samplesMb.Count - quarter));
        double allowed = Math.Max(ToleranceMb, second * TolerancePercent / 100);
        return new Verdict(last - second <= allowed, second, last, allowed);
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
