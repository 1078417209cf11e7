namespace RoboClub.Telemetry;

/// <summary>
/// The block widths the store keeps summaries (min, max, sum, count) for: 1 s, 5 s, 10 s, 30 s,
/// 1 min, 5 min, 10 min, 30 min, 1 h, 6 h, 1 day. Each divides the next, so a block of one level lies
/// inside one block of every coarser level; consecutive levels differ by at most 6×, so a bucket never
/// needs more than about 6 summaries of the level below its width (2,000 buckets: at most ~12,000
/// rows read, whatever the range). Must match schema migration 2 (SqliteSchema), which fills the
/// rollups table.
/// </summary>
static class RollupLevels
{
    public static readonly long[] WidthsMs =
        [1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 21_600_000, 86_400_000];

    /// <summary>One block's summary; <see cref="Add(double)"/> and <see cref="Add(Summary)"/> fold more in.</summary>
    public struct Summary(double min, double max, double total, long count)
    {
        public double Min = min, Max = max, Total = total;
        public long Count = count;

        public static Summary Of(double v) => new(v, v, v, 1);

        public void Add(double v)
        {
            if (v < Min) Min = v;
            if (v > Max) Max = v;
            Total += v;
            Count++;
        }

        public void Add(Summary s)
        {
            if (s.Min < Min) Min = s.Min;
            if (s.Max > Max) Max = s.Max;
            Total += s.Total;
            Count += s.Count;
        }
    }
}
