using System.Collections.Concurrent;

namespace RoboClub.Hub.Telemetry;

/// <summary>
/// A token bucket of samples per board, so one board in a tight <c>Plot</c> loop (or a broken or
/// hostile client) cannot fill the disk or starve the other boards' charts. A board may send
/// <see cref="SamplesPerSecond"/> on average and <see cref="Burst"/> at once — enough for the backlog
/// a board kept through an outage (RAM buffer plus flash spool) to arrive in one go. What is over is
/// dropped and counted, never queued.
/// </summary>
public sealed class BoardRateLimit(TimeProvider time, int samplesPerSecond = BoardRateLimit.DefaultSamplesPerSecond, int burst = BoardRateLimit.DefaultBurst)
{
    /// <summary>Ten series at 50 Hz: far above any lesson (automatic readings: 7 series at 10 Hz at most).</summary>
    public const int DefaultSamplesPerSecond = 500;
    /// <summary>A board's whole outage backlog (2,000 in RAM, about 3,800 on flash) at once.</summary>
    public const int DefaultBurst = 6_000;

    sealed class Bucket
    {
        public double Tokens;
        public long Stamp;
    }

    readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public int SamplesPerSecond => samplesPerSecond;
    public int Burst => burst;

    /// <summary>How many of <paramref name="wanted"/> samples from <paramref name="board"/> may be stored now (0..wanted).</summary>
    public int Take(string board, int wanted)
    {
        long now = time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(board, _ => new Bucket { Tokens = burst, Stamp = now });
        lock (bucket)
        {
            double seconds = (now - bucket.Stamp) / (double)time.TimestampFrequency;
            bucket.Stamp = now;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + seconds * samplesPerSecond);
            int granted = (int)Math.Min(wanted, Math.Floor(bucket.Tokens));
            bucket.Tokens -= granted;
            return granted;
        }
    }
}
