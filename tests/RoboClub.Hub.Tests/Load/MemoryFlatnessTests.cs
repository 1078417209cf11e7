namespace RoboClub.Hub.Tests.Load;

/// <summary>The soak's criterion must pass a flat run with noise and warm-up, and catch a real leak.</summary>
public sealed class MemoryFlatnessTests
{
    static readonly MemoryFlatness Criterion = ClubSoakTests.ManagedCriterion;

    /// <summary>An hour sampled each minute: <paramref name="baseMb"/> plus warm-up, ±noise, and a leak per minute.</summary>
    static double[] Hour(double baseMb, double leakMbPerMinute, int minutes = 60, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, minutes).Select(m =>
            baseMb
            + (m < minutes / 8 ? -20.0 * (minutes / 8 - m) / (minutes / 8) : 0) // warm-up: climbing to the base
            + (random.NextDouble() - 0.5) * 8                                     // ±4 MB from one GC to the next (the soak sees 22 to 29 MB)
            + leakMbPerMinute * m).ToArray();
    }

    [Fact]
    public void A_flat_noisy_hour_after_its_warm_up_is_flat()
    {
        for (int seed = 1; seed <= 20; seed++)
            Assert.True(Criterion.Judge(Hour(25, 0, seed: seed)).Flat, $"seed {seed}: {Criterion.Judge(Hour(25, 0, seed: seed))}");
    }

    [Fact]
    public void An_occasional_high_sample_does_not_fail_the_run()
    {
        var hour = Hour(25, 0);
        hour[50] += 40; // one GC that kept a burst of pushes alive
        hour[58] += 40;
        Assert.True(Criterion.Judge(hour).Flat, Criterion.Judge(hour).ToString());
    }

    [Fact]
    public void An_injected_leak_of_half_a_megabyte_a_minute_is_caught()
    {
        // 30 MB over the hour on a 25 MB heap: keeping every page's pushes or every sample would be far more.
        for (int seed = 1; seed <= 20; seed++)
        {
            var verdict = Criterion.Judge(Hour(25, 0.5, seed: seed));
            Assert.False(verdict.Flat, $"seed {seed}: {verdict}");
            Assert.Contains("GROWING", verdict.ToString());
        }
    }

    [Fact]
    public void The_short_setting_catches_a_leak_of_three_megabytes_a_minute()
    {
        for (int seed = 1; seed <= 20; seed++)
            Assert.False(Criterion.Judge(Hour(25, 3, minutes: 10, seed: seed)).Flat, $"seed {seed}");
    }

    [Fact]
    public void Too_few_samples_are_refused_with_a_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => Criterion.Judge([1, 2, 3]));
        Assert.Contains("at least 8", e.Message);
    }
}
