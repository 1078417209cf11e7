namespace RoboClub.Telemetry;

/// <summary>One stored sample as a chart point.</summary>
public readonly record struct DataPoint(long TimeMs, double Value);

/// <summary>
/// The samples of one time bucket [StartMs, StartMs + width): their min, max, average and count.
/// Only buckets holding samples are returned (gaps stay gaps in a chart).
/// </summary>
public readonly record struct Bucket(long StartMs, double Min, double Max, double Avg, long Count);

/// <summary>
/// A range query's answer: either the raw <see cref="Points"/> (when the range holds no more than
/// the points asked for) or <see cref="Buckets"/> of <see cref="BucketWidthMs"/> each. The other list is empty.
/// </summary>
public sealed record RangeResult(TimeRange Range, IReadOnlyList<DataPoint> Points, IReadOnlyList<Bucket> Buckets, long BucketWidthMs)
{
    public bool IsBucketed => BucketWidthMs > 0;
}
