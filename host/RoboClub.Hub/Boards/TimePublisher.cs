using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using RoboClub.Board.Link;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Boards;

/// <summary>
/// Wall-clock time for boards that cannot reach the internet's time servers (a library network
/// without internet): <c>{"utc":ms}</c> on <c>roboclub/{club}/time</c> (QoS 0, not retained: a kept
/// time would be stale) once a minute and whenever a board comes online. ESP32 boards use it to date
/// telemetry they kept on flash across a reboot (docs/protocol.md, "time").
/// </summary>
public sealed class TimePublisher(IHubBus bus, BoardRegistry registry, IOptions<HubSettings> settings, TimeProvider time, ILogger<TimePublisher> log) : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    readonly string _topic = $"{Topics.Root}/{settings.Value.Club}/time";
    readonly HashSet<string> _online = new(StringComparer.Ordinal);
    ITimer? _timer;

    public void Start()
    {
        registry.BoardChanged += OnBoardChanged;
        _timer = time.CreateTimer(_ => _ = PublishAsync(), null, TimeSpan.Zero, Period);
    }

    /// <summary>The payload for a moment: {"utc":ms since 1970}.</summary>
    public static string Payload(DateTimeOffset now) => "{\"utc\":" + now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "}";

    void OnBoardChanged(BoardView board)
    {
        bool cameOnline = false;
        lock (_online)
        {
            if (board.Online) cameOnline = _online.Add(board.Board);
            else _online.Remove(board.Board);
        }
        if (cameOnline) _ = PublishAsync();
    }

    async Task PublishAsync()
    {
        try
        {
            await bus.PublishAsync(_topic, Encoding.UTF8.GetBytes(Payload(time.GetUtcNow())), retain: false).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.LogDebug(e, "Could not publish the time");
        }
    }

    public void Dispose()
    {
        registry.BoardChanged -= OnBoardChanged;
        _timer?.Dispose();
    }
}
