namespace RoboClub.Telemetry;

/// <summary>
/// The block widths the store keeps summaries (min, max, sum, count) for: a second, a minute, an
/// hour. Each divides the next, so a block of one level lies inside one block of every coarser
/// level. Must match schema migration 2 (SqliteSchema), which fills the rollups table.
/// </summary>
static class RollupLevels
{
    public static readonly long[] WidthsMs = [1_000, 60_000, 3_600_000];

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
