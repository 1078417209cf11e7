using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RoboClub.Board.Link;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Live;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Telemetry;

/// <summary>
/// Hears every board's telemetry batches (<c>roboclub/{club}/+/telemetry</c>), turns board times into
/// wall-clock times (received − (now − t), docs/protocol.md), appends them to the store (never
/// blocking the broker's thread) and pushes the new points to the pages every 200 ms as one
/// <c>telemetry</c> event per group. Applies the club's retention at start and every hour.
/// <para>Durable: the subscription is acknowledged (<see cref="IHubBus.SubscribeAcknowledged"/>), so a
/// board's batch is PUBACKed only once the store committed it; if the store fails, no ack, and the
/// batch comes again. Each batch is stored with the fingerprint of its bytes (<see cref="BatchFingerprint"/>),
/// so a batch delivered twice (a lost PUBACK, the hub killed between commit and ack) is stored once.</para>
/// </summary>
public sealed class TelemetryIngest(
    IHubBus bus,
    ITelemetryStore store,
    IOptions<HubSettings> options,
    IHubContext<LiveHub> hub,
    TimeProvider time,
    BoardRateLimit limit,
    ILogger<TelemetryIngest> logger) : IHostedService
{
    public static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    readonly string _club = options.Value.Club;
    readonly BoardClocks _clocks = new();
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentDictionary<string, byte> _boards = new(StringComparer.Ordinal);
    readonly object _pendingLock = new();
    Dictionary<(string Board, string Series), List<double[]>> _pending = [];
    IDisposable? _subscription;
    Task? _push, _retention;
    long _malformed, _received, _dropped, _rejected, _overLimit, _repeats;
    readonly ConcurrentDictionary<string, long> _lastLimitWarning = new(StringComparer.Ordinal);

    public string Club => _club;

    /// <summary>Batches that did not decode, or named a board the store refuses.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Samples received from boards.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Samples the store dropped (write queue full) plus those boards reported lost.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Batches received again after they were stored (redelivered): acknowledged, not stored twice.</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Samples dropped because their board sent more than its rate limit (<see cref="BoardRateLimit"/>).</summary>
    public long OverLimit => Interlocked.Read(ref _overLimit);

    /// <summary>Boards that sent telemetry since the hub started.</summary>
    public IReadOnlyCollection<string> BoardsSeen => _boards.Keys.ToArray();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = bus.SubscribeAcknowledged($"{Topics.Root}/{_club}/+/telemetry", OnMessage);
        _push = Task.Run(() => PushLoopAsync(_stop.Token), CancellationToken.None);
        _retention = Task.Run(() => RetentionLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _subscription = null;
        if (!_stop.IsCancellationRequested) _stop.Cancel();
        if (_push is not null) await _push.ConfigureAwait(false);
        if (_retention is not null) await _retention.ConfigureAwait(false);
        Push();
        // The store writes its whole queue when the host disposes it.
    }

    /// <summary>The task ends when the batch is committed (then the board gets its PUBACK); it fails when the store could not commit it.</summary>
    ValueTask OnMessage(BusMessage m)
    {
        var topic = Topics.Parse(m.Topic);
        if (!topic.IsValid || topic.Club != _club || topic.Leaf != TopicLeaf.Telemetry) return ValueTask.CompletedTask;
        TelemetryPayload batch;
        try
        {
            batch = TelemetryPayload.Decode(m.Payload.ToArray());
        }
        catch (Exception e) when (e is PayloadException or JsonException or ArgumentException)
        {
            // Acknowledged anyway: sending the same bytes again would not make them readable.
            Interlocked.Increment(ref _malformed);
            return ValueTask.CompletedTask;
        }
        return new ValueTask(IngestAsync(topic.Board, batch, time.GetUtcNow().ToUnixTimeMilliseconds(), BatchFingerprint.Of(m.Payload.Span)));
    }

    /// <summary>Stores one decoded batch received at <paramref name="receivedMs"/> (wall clock), without waiting (tests).</summary>
    internal void Ingest(string board, TelemetryPayload batch, long receivedMs) =>
        _ = IngestAsync(board, batch, receivedMs, fingerprint: null).ContinueWith(t => logger.LogWarning(t.Exception, "Storing telemetry failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>
    /// Stores one decoded batch received at <paramref name="receivedMs"/> (wall clock); completes when
    /// it is committed, or recognised as stored before by its <paramref name="fingerprint"/>. The part
    /// before the first await (checks, queueing) runs on the caller, so batches queue in arrival order.
    /// </summary>
    internal async Task IngestAsync(string board, TelemetryPayload batch, long receivedMs, long? fingerprint)
    {
        if (batch.Dropped > 0) Interlocked.Add(ref _dropped, batch.Dropped);
        // Oldest first: over the limit, the newest of the batch are the ones dropped.
        int count = batch.Count == 0 ? 0 : limit.Take(board, batch.Count);
        if (count < batch.Count)
        {
            Interlocked.Add(ref _overLimit, batch.Count - count);
            WarnOverLimit(board);
        }
        if (count == 0) return;
        // Without "now" (older firmware), the newest sample is taken as sent at reception.
        long now = batch.NowMs >= 0 ? batch.NowMs : batch.Times.Max();
        // wall = t + offset; the offset is received − now, less the hub's own delays (BoardClocks).
        long offset = batch.NowMs >= 0 ? _clocks.Offset(board, now, receivedMs) : receivedMs - now;
        var samples = new TelemetrySample[count];
        for (int i = 0; i < count; i++)
            samples[i] = new TelemetrySample(batch.Series[i], batch.Times[i] + offset, batch.Values[i]);
        AppendResult result;
        try
        {
            result = await store.AppendAsync(_club, board, samples, fingerprint).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            Interlocked.Increment(ref _malformed); // a board name the store refuses: acknowledged, never stored
            return;
        }
        Interlocked.Add(ref _received, batch.Count);
        if (result.Repeat)
        {
            Interlocked.Increment(ref _repeats);
            return;
        }
        if (result.Dropped > 0) Interlocked.Add(ref _dropped, result.Dropped);
        if (result.Rejected > 0) Interlocked.Add(ref _rejected, result.Rejected);
        if (result.Accepted == 0) return;
        _boards.TryAdd(board, 0);
        lock (_pendingLock)
        {
            foreach (var s in samples)
            {
                if (!double.IsFinite(s.Value)) continue;
                if (!_pending.TryGetValue((board, s.Series), out var list)) _pending[(board, s.Series)] = list = [];
                list.Add([s.TimeMs, s.Value]);
            }
        }
    }

    /// <summary>At most one warning a minute per board (a flooding board must not flood the log too).</summary>
    void WarnOverLimit(string board)
    {
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_lastLimitWarning.TryGetValue(board, out long last) && now - last < 60_000) return;
        _lastLimitWarning[board] = now; // two threads may both warn once: harmless
        logger.LogWarning("Board {Board} sends more than {Rate} samples a second: the extra ones are dropped", board, limit.SamplesPerSecond);
    }

    async Task PushLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false)) Push();
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Sends what arrived since the last push: everything to group "telemetry", each
    /// board's part to "board:{name}". One message per group, so 50 boards at 10 Hz cost 5 messages a second a page.</summary>
    internal void Push()
    {
        Dictionary<(string Board, string Series), List<double[]>> batch;
        lock (_pendingLock)
        {
            if (_pending.Count == 0) return;
            batch = _pending;
            _pending = [];
        }
        var all = batch.OrderBy(p => p.Key.Board, StringComparer.Ordinal).ThenBy(p => p.Key.Series, StringComparer.Ordinal)
            .Select(p => new LivePoints(p.Key.Board, p.Key.Series, p.Value)).ToArray();
        Send(hub.Clients.Group(LiveHub.TelemetryGroup), all);
        foreach (var board in all.GroupBy(p => p.Board))
            Send(hub.Clients.Group(LiveHub.Group(board.Key)), board.ToArray());
    }

    void Send(IClientProxy clients, LivePoints[] payload) =>
        _ = clients.SendAsync("telemetry", payload).ContinueWith(t => logger.LogDebug(t.Exception, "live telemetry failed"), TaskContinuationOptions.OnlyOnFaulted);

    async Task RetentionLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RetentionInterval, time);
        try
        {
            do
            {
                try
                {
                    long deleted = await store.ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
                    if (deleted > 0) logger.LogInformation("Retention deleted {Count} telemetry samples", deleted);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Applying the telemetry retention failed");
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) { }
    }
}

/// <summary>One series' new points in a <c>telemetry</c> push: <c>points</c> = [[timeMs, value], ...].</summary>
public sealed record LivePoints(string Board, string Series, IReadOnlyList<double[]> Points);
