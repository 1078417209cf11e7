using System.Collections.Concurrent;

namespace RoboClub.Hub.Telemetry;

/// <summary>
/// Turns a board's times into wall-clock times. The protocol's rule is wall = received − (now − t):
/// "received" includes however long the batch waited in the network and in the hub. When the hub
/// stalls for a few seconds, batches sent a second apart are handled in the same millisecond, get the
/// same wall times, and the store (one value per series and millisecond) keeps only one of them —
/// samples lost under load. So the hub remembers, per board, the smallest delay it has seen lately
/// (the offset between the board's clock and the wall clock, received − now) and dates a batch that
/// came later than that by the remembered offset instead. The offset may creep up by 100 ppm of
/// elapsed time (a board clock running slow), and follows a smaller delay at once. A jump of more
/// than 10 s means another time base (the board restarted, or a chunk kept on flash from an earlier
/// boot, docs/protocol.md): that batch is dated by the plain rule and the board starts afresh.
/// </summary>
public sealed class BoardClocks
{
    public const double DriftAllowance = 1e-4;
    public const long SameBaseMs = 10_000;

    readonly ConcurrentDictionary<string, (long Offset, long ReceivedMs)> _boards = new(StringComparer.Ordinal);

    /// <summary>The offset to add to this batch's board times (wall = t + offset).</summary>
    public long Offset(string board, long nowMs, long receivedMs)
    {
        long candidate = receivedMs - nowMs;
        long offset = candidate;
        if (_boards.TryGetValue(board, out var last) && Math.Abs(candidate - last.Offset) <= SameBaseMs)
        {
            long allowed = last.Offset + (long)(Math.Max(0, receivedMs - last.ReceivedMs) * DriftAllowance);
            offset = Math.Min(candidate, allowed);
        }
        _boards[board] = (offset, receivedMs);
        return offset;
    }

    public void Forget(string board) => _boards.TryRemove(board, out _);
}
