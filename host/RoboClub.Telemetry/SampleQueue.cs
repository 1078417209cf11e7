using System.Threading.Channels;

namespace RoboClub.Telemetry;

/// <summary>
/// The write queue both stores put samples on, with the counts behind <see cref="TelemetryStoreStats"/>:
/// a bounded channel to the store's one writer, <see cref="Append"/> (never waits; drops the newest when
/// the writer is too far behind) and <see cref="AppendAsync"/> (waits until the samples are committed).
/// The writer reports back through <see cref="Dequeued"/>, <see cref="Written"/> and <see cref="Lost"/>.
/// </summary>
internal sealed class SampleQueue(TelemetryStoreOptions options, string storeName, Func<bool> disposed)
{
    long _accepted, _rejected, _dropped, _written, _queued;

    /// <summary>The bound is in items; each batch holds ≥ 1 sample and the sample count is capped
    /// separately, so that cap is the real limit. A full queue never blocks <see cref="Append"/>.</summary>
    public Channel<WriteQueueItem> Channel { get; } = System.Threading.Channels.Channel.CreateBounded<WriteQueueItem>(
        new BoundedChannelOptions(options.MaxQueuedSamples + 1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public TelemetryStoreStats Stats => new(Interlocked.Read(ref _accepted), Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _dropped), Interlocked.Read(ref _written), Interlocked.Read(ref _queued));

    public void Dequeued(int samples) => Interlocked.Add(ref _queued, -samples);
    public void Written(int samples) => Interlocked.Add(ref _written, samples);
    public void Lost(int samples) => Interlocked.Add(ref _dropped, samples);

    public AppendResult Append(string club, string board, IReadOnlyList<TelemetrySample> samples)
    {
        var valid = Check(club, board, samples, out int rejected, out string? problem);
        int count = valid.Length;
        if (count == 0) return new AppendResult(0, rejected, 0, problem);

        // Back-pressure: never wait. If the writer is this far behind, the disk cannot keep up; losing
        // the newest samples (counted) is better than stalling the broker and every board behind it.
        if (disposed()) return Drop(count, rejected, problem);
        if (Interlocked.Add(ref _queued, count) > options.MaxQueuedSamples || !Channel.Writer.TryWrite(new SampleBatch(club, board, valid)))
        {
            Interlocked.Add(ref _queued, -count);
            return Drop(count, rejected, problem);
        }
        Interlocked.Add(ref _accepted, count);
        return new AppendResult(count, rejected, 0, problem);
    }

    public async Task<AppendResult> AppendAsync(string club, string board, IReadOnlyList<TelemetrySample> samples, long? fingerprint, CancellationToken cancellationToken)
    {
        if (disposed()) throw new ObjectDisposedException(storeName);
        var valid = Check(club, board, samples, out int rejected, out string? problem);
        // A batch of only invalid samples still records its fingerprint: a resend of it is a repeat too.
        if (valid.Length == 0 && fingerprint is null) return new AppendResult(0, rejected, 0, problem);
        var batch = new SampleBatch(club, board, valid, fingerprint, awaited: true, options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        // No drop here: the caller waits, and its unacknowledged messages hold the boards back.
        Interlocked.Add(ref _queued, valid.Length);
        try { await Channel.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            Interlocked.Add(ref _queued, -valid.Length);
            if (e is ChannelClosedException) throw new ObjectDisposedException(storeName);
            throw;
        }
        bool stored = await batch.Committed!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (stored) Interlocked.Add(ref _accepted, valid.Length);
        return new AppendResult(stored ? valid.Length : 0, rejected, 0, problem) { Repeat = !stored };
    }

    TelemetrySample[] Check(string club, string board, IReadOnlyList<TelemetrySample> samples, out int rejected, out string? problem)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        TelemetryNames.Check(board, "board name", nameof(board));
        ArgumentNullException.ThrowIfNull(samples);
        var valid = TelemetrySample.KeepValid(samples, out rejected, out problem);
        if (rejected > 0) Interlocked.Add(ref _rejected, rejected);
        return valid;
    }

    AppendResult Drop(int count, int rejected, string? problem)
    {
        Interlocked.Add(ref _dropped, count);
        return new AppendResult(0, rejected, count, problem);
    }
}
