namespace RoboClub.Telemetry.Tests;

/// <summary>Small helpers that make sample data in tests readable.</summary>
static class Samples
{
    /// <summary>2026-11-21T10:00:00Z, a round time to start test data at.</summary>
    public const long T0 = 1_795_255_200_000;

    public static TelemetrySample S(string series, long timeMs, double value) => new(series, timeMs, value);

    /// <summary>Opens a store, appends the samples of one board and waits until they are written.</summary>
    public static async Task AppendAndFlush(this ITelemetryStore store, string club, string board, params TelemetrySample[] samples)
    {
        var result = store.Append(club, board, samples);
        Assert.Equal(0, result.Dropped);
        await store.FlushAsync();
    }
}
