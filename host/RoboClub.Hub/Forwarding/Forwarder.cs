using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// The club hub's side of forwarding (`--forward-to`): reads the chosen series from its own store
/// after each series' cursor (only what is committed there), saves the batch as pending, POSTs it
/// to the regional hub and, once the regional hub confirms, moves the cursors. Unreachable or
/// refusing: the same batch again after a growing pause (up to a minute), so a hub that was cut
/// off for hours catches up in order when the link returns. README.md explains the guarantees.
/// </summary>
public sealed class Forwarder(ITelemetryStore store, IOptions<HubSettings> options, TimeProvider time, ILogger<Forwarder> logger) : BackgroundService
{
    readonly HubSettings _settings = options.Value;
    readonly ForwardSelection _selection = ForwardSelection.Parse(options.Value.ForwardSeries, options.Value.ForwardBoards);
    HttpClient? _http;
    volatile ForwardStatus _status = new(null, 0, 0, null, null, 0);

    /// <summary>What the forwarding API shows: where to, batches and samples confirmed, the last success and problem.</summary>
    public ForwardStatus Status => _status;

    public ForwardSelection Selection => _selection;

    public static Uri BatchesUrl(string forwardTo) => new(new Uri(forwardTo.EndsWith('/') ? forwardTo : forwardTo + "/"), "api/regional/batches");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_settings.ForwardTo is not { } to) return;
        if (store is not ITelemetryCatalog catalog) { logger.LogError("This telemetry store cannot list its samples; forwarding is off"); return; }
        var url = BatchesUrl(to);
        var state = new ForwardState(Path.Combine(_settings.DataDirectory, "forwarding.db"));
        var (stream, next) = state.Start($"{_settings.Club}@{url}");
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        _status = _status with { Destination = url.ToString() };
        logger.LogInformation("Forwarding {Selection} of club {Club} to {Url}", _selection.Describe(), _settings.Club, url);
        int failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                var batch = Pending(state) ?? await NextAsync(catalog, state, stream, next, stoppingToken).ConfigureAwait(false);
                if (batch is null) pause = TimeSpan.FromMilliseconds(_settings.ForwardIntervalMs);
                else
                {
                    next = batch.Sequence + 1;
                    var problem = await SendAsync(url, batch, stoppingToken).ConfigureAwait(false);
                    if (problem is null)
                    {
                        state.Confirm(batch);
                        failures = 0;
                        _status = _status with
                        {
                            Batches = _status.Batches + 1, Samples = _status.Samples + batch.PointCount,
                            LastSuccess = time.GetUtcNow(), Problem = null, Failures = 0,
                        };
                        continue; // a backlog goes out batch after batch
                    }
                    failures++;
                    pause = Backoff(failures);
                    _status = _status with { Problem = problem, Failures = failures };
                    if (failures == 1 || failures % 10 == 0) logger.LogWarning("Forwarding batch {Sequence} to {Url} failed ({Problem}); trying again in {Pause}", batch.Sequence, url, problem, pause);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The hub's own store or state file (or anything unforeseen): retried like an unreachable
                // regional hub, never allowed to stop the hub.
                failures++;
                pause = Backoff(failures);
                _status = _status with { Problem = e.Message, Failures = failures };
                logger.LogWarning(e, "Forwarding could not read its data; trying again in {Pause}", pause);
            }
            try { await Task.Delay(pause, time, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    TimeSpan Backoff(int failures)
    {
        double ms = Math.Min(_settings.ForwardMaxBackoffMs, _settings.ForwardIntervalMs * Math.Pow(2, Math.Min(failures - 1, 20)));
        return TimeSpan.FromMilliseconds(Math.Max(ms, 1));
    }

    static ForwardBatch? Pending(ForwardState state) => state.Pending() is { } p ? ForwardBatch.Parse(p.Body) : null;

    /// <summary>The next batch from the cursors (oldest first per series, boards and series by name), saved as pending; null when nothing is new.</summary>
    async Task<ForwardBatch?> NextAsync(ITelemetryCatalog catalog, ForwardState state, string stream, long sequence, CancellationToken ct)
    {
        var cursors = state.Cursors();
        // Samples younger than the delay wait: a board's batches may arrive slightly out of order.
        long until = time.GetUtcNow().ToUnixTimeMilliseconds() - _settings.ForwardDelayMs;
        int room = Math.Clamp(_settings.ForwardBatchSize, 1, ForwardBatch.MaxPoints);
        var entries = new List<ForwardSeries>();
        foreach (var board in await catalog.ListBoardsAsync(_settings.Club, ct).ConfigureAwait(false))
        {
            if (!_selection.IncludesBoard(board)) continue;
            foreach (var info in await store.ListSeriesAsync(_settings.Club, board, ct).ConfigureAwait(false))
            {
                if (!_selection.Includes(board, info.Series)) continue;
                long after = cursors.TryGetValue((board, info.Series), out long c) ? c : -1;
                if (info.LastMs <= after || after >= until) continue;
                var samples = await catalog.ReadAfterAsync(new SeriesKey(_settings.Club, board, info.Series), after, until, room, ct).ConfigureAwait(false);
                if (samples.Count == 0) continue;
                entries.Add(new ForwardSeries(board, info.Series, samples));
                room -= samples.Count;
                if (room == 0 || entries.Count == ForwardBatch.MaxSeriesEntries) break;
            }
            if (room == 0 || entries.Count == ForwardBatch.MaxSeriesEntries) break;
        }
        if (entries.Count == 0) return null;
        var batch = new ForwardBatch(_settings.Club, stream, sequence, entries);
        state.SavePending(sequence, batch.ToJson());
        return batch;
    }

    /// <summary>Null when the regional hub has the batch; otherwise what went wrong (for the log and the status).</summary>
    async Task<string?> SendAsync(Uri url, ForwardBatch batch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(batch.ToJson()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _settings.ForwardKey);
        try
        {
            using var response = await _http!.SendAsync(request, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return null;
            string body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return $"HTTP {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}";
        }
        catch (HttpRequestException e) { return e.Message; }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return "no answer within 60 s"; }
    }

    public override void Dispose()
    {
        _http?.Dispose();
        base.Dispose();
    }
}

/// <summary>Forwarding as the club hub's API shows it.</summary>
public sealed record ForwardStatus(string? Destination, long Batches, long Samples, DateTimeOffset? LastSuccess, string? Problem, int Failures);
