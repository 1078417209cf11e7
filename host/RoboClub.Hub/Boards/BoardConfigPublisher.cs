using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using RoboClub.Board.Link;
using RoboClub.Hub.Serve;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Boards;

/// <summary>
/// Keeps each board's retained config (<c>roboclub/{club}/{board}/config</c>) in step with the club's
/// settings: today the sample interval of the Data tab, sent as <c>{"telemetryPeriod":ms}</c> (or <c>{}</c>
/// for "board default": no automatic readings), so boards record their sensors by themselves
/// (<c>SensorLogger</c> in the board runtime). Sent to every known board when the setting changes, and to
/// a board when it comes online with a config it has not had from this hub (a new board, or after a
/// restart). Retained, so a board that is off gets it when it connects.
/// </summary>
public sealed class BoardConfigPublisher(IHubBus bus, BoardRegistry registry, ITelemetryStore store, IOptions<HubSettings> settings, ILogger<BoardConfigPublisher> log) : IDisposable
{
    readonly ConcurrentDictionary<string, string> _sent = new(StringComparer.Ordinal);
    readonly string _club = settings.Value.Club;
    volatile string _config = "{}";
    bool _started;

    /// <summary>The config every board should hold now.</summary>
    public string Config => _config;

    /// <summary>Reads the club's setting and starts following the boards.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var club = await store.GetClubSettingsAsync(_club, cancellationToken).ConfigureAwait(false);
        _config = ConfigFor(club.SampleIntervalMs);
        registry.BoardChanged += OnBoardChanged;
        _started = true;
        foreach (var board in registry.Boards) if (board.Online) await SendAsync(board.Board).ConfigureAwait(false);
    }

    /// <summary>The Data tab saved a new interval (null: board default): every board gets it now.</summary>
    public async Task SetSampleIntervalAsync(int? milliseconds, CancellationToken cancellationToken = default)
    {
        _config = ConfigFor(milliseconds);
        foreach (var board in registry.Boards) await SendAsync(board.Board, cancellationToken).ConfigureAwait(false);
    }

    public static string ConfigFor(int? sampleIntervalMs) =>
        sampleIntervalMs is { } ms ? "{\"telemetryPeriod\":" + ms.ToString(CultureInfo.InvariantCulture) + "}" : "{}";

    void OnBoardChanged(BoardView board)
    {
        if (!board.Online || (_sent.TryGetValue(board.Board, out var had) && had == _config)) return;
        _ = SendAsync(board.Board);
    }

    async Task SendAsync(string board, CancellationToken cancellationToken = default)
    {
        string config = _config;
        if (_sent.TryGetValue(board, out var had) && had == config) return;
        _sent[board] = config;
        try
        {
            await bus.PublishAsync(Topics.Board(_club, board, TopicLeaf.Config), Encoding.UTF8.GetBytes(config), retain: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _sent.TryRemove(new KeyValuePair<string, string>(board, config)); // try again when the board next changes
            log.LogWarning(e, "Could not send the config to {Board}", board);
        }
    }

    public void Dispose()
    {
        if (_started) registry.BoardChanged -= OnBoardChanged;
    }
}
