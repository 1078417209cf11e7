using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// The regional hub's side (`--regional`): stores a club's batch under that club (board = the
/// source board) and records it as applied. One batch per club at a time; clubs in parallel.
/// </summary>
public sealed class RegionalReceiver(ITelemetryStore store, IOptions<HubSettings> options, TimeProvider time)
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> _clubLocks = new(StringComparer.Ordinal);
    readonly Lazy<RegionalLedger> _ledger = new(() => new RegionalLedger(Path.Combine(options.Value.DataDirectory, "regional.db")));

    public RegionalKeys Keys { get; } = new(Path.Combine(options.Value.DataDirectory, RegionalKeys.FileName));

    public RegionalLedger Ledger => _ledger.Value;

    public enum Outcome { Applied, AlreadyApplied, Busy }

    public async Task<Outcome> ApplyAsync(ForwardBatch batch, CancellationToken ct)
    {
        var gate = _clubLocks.GetOrAdd(batch.Club, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Ledger.LastApplied(batch.Club, batch.Stream) >= batch.Sequence) return Outcome.AlreadyApplied;
            long droppedBefore = store.Stats.Dropped;
            foreach (var s in batch.Series)
            {
                if (s.Points.Count == 0) continue;
                // Full queue: nothing is confirmed, the club hub sends the batch again later (the part
                // already queued is then a no-op: one value per series and millisecond).
                if (store.Append(batch.Club, s.Board, s.Points).Dropped > 0) return Outcome.Busy;
            }
            await store.FlushAsync(ct).ConfigureAwait(false);
            // A transaction the database refused counts its samples as dropped: do not confirm.
            if (store.Stats.Dropped > droppedBefore) return Outcome.Busy;
            Ledger.Record(batch.Club, batch.Stream, batch.Sequence, batch.PointCount, time.GetUtcNow().ToUnixTimeMilliseconds());
            return Outcome.Applied;
        }
        finally { gate.Release(); }
    }
}
