namespace RoboClub.Telemetry;

/// <summary>
/// How a bucketed range query is answered, whatever the database: the bucket width and origin, and
/// the pieces of the range to read — whole blocks of a summary level (<see cref="RollupLevels"/>) or
/// raw samples for the edges. Each store runs one grouped SQL query per piece and adds the answers
/// into the buckets (<see cref="Add"/>), so SQLite and PostgreSQL return identical buckets.
/// </summary>
sealed class BucketPlan
{
    /// <summary>One query: raw samples with t in [From, To) when <see cref="LevelWidthMs"/> is 0, else summary blocks b in [From, To) of that width.</summary>
    public readonly record struct Piece(long LevelWidthMs, long From, long To)
    {
        public bool IsRaw => LevelWidthMs == 0;
    }

    public long OriginMs { get; }
    public long WidthMs { get; }
    public List<Piece> Pieces { get; } = [];
    readonly RollupLevels.Summary[] _sums;

    public BucketPlan(TimeRange range, int maxBuckets)
    {
        // The coarsest level whose blocks are no wider than a bucket; -1: buckets under a second, raw samples only.
        int level = -1;
        long origin = range.FromMs, width = CeilDiv(range.LengthMs, maxBuckets);
        for (int i = RollupLevels.WidthsMs.Length - 1; i >= 0; i--)
        {
            long w = RollupLevels.WidthsMs[i];
            long alignedOrigin = range.FromMs / w * w;
            long wanted = CeilDiv(range.ToMs - alignedOrigin, maxBuckets);
            if (wanted >= w)
            {
                level = i;
                origin = alignedOrigin;
                width = CeilDiv(wanted, w) * w; // a whole number of blocks, so no block straddles two buckets
                break;
            }
        }
        OriginMs = origin;
        WidthMs = width;
        _sums = new RollupLevels.Summary[(int)CeilDiv(range.ToMs - origin, width)]; // ≤ maxBuckets by the choice of width
        Cover(range.FromMs, range.ToMs, level);
    }

    /// <summary>[from, to): whole blocks of <paramref name="level"/> from the summaries, the edges one level finer.</summary>
    void Cover(long from, long to, int level)
    {
        if (from >= to) return;
        if (level < 0)
        {
            Pieces.Add(new Piece(0, from, to));
            return;
        }
        long w = RollupLevels.WidthsMs[level];
        long firstBlock = CeilDiv(from, w), endBlock = to / w;
        if (firstBlock >= endBlock)
        {
            Cover(from, to, level - 1);
            return;
        }
        Pieces.Add(new Piece(w, firstBlock, endBlock));
        Cover(from, firstBlock * w, level - 1);
        Cover(endBlock * w, to, level - 1);
    }

    /// <summary>Adds one grouped row of a piece's query to bucket <paramref name="bucket"/>.</summary>
    public void Add(long bucket, double min, double max, double total, long count)
    {
        var piece = new RollupLevels.Summary(min, max, total, count);
        ref var sum = ref _sums[bucket];
        if (sum.Count == 0) sum = piece;
        else sum.Add(piece);
    }

    /// <summary>The non-empty buckets, in time order.</summary>
    public List<Bucket> Buckets()
    {
        var buckets = new List<Bucket>(_sums.Length);
        for (int k = 0; k < _sums.Length; k++)
            if (_sums[k].Count > 0)
                buckets.Add(new Bucket(OriginMs + k * WidthMs, _sums[k].Min, _sums[k].Max, _sums[k].Total / _sums[k].Count, _sums[k].Count));
        return buckets;
    }

    static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
