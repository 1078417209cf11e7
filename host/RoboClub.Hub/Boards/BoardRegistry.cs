using System.Collections.Concurrent;
using RoboClub.Board.Link;
using RoboClub.Hub.Serve;
using Microsoft.Extensions.Options;

namespace RoboClub.Hub.Boards;

/// <summary>
/// Every board of the club, from what boards publish: retained status (with the last will, so a
/// board that vanishes turns offline) and info, plus console lines, runtime errors, watch values and
/// command acks, raised as events for the live page. Malformed payloads are counted and ignored.
/// </summary>
public sealed class BoardRegistry : IDisposable
{
    readonly IHubBus _bus;
    readonly string _club;
    readonly TimeProvider _time;
    readonly ConcurrentDictionary<string, BoardView> _boards = new(StringComparer.Ordinal);
    readonly List<IDisposable> _subscriptions = [];
    readonly BoardNames _names;
    long _malformed;

    public BoardRegistry(IHubBus bus, IOptions<HubSettings> settings, BoardNames names, TimeProvider time)
    {
        _bus = bus;
        _club = settings.Value.Club;
        _names = names;
        _time = time;
    }

    public event Action<BoardView>? BoardChanged;
    public event Action<ConsoleLine>? ConsoleLine;
    public event Action<BoardError>? Error;
    public event Action<WatchValues>? Watch;
    public event Action<string, AckPayload>? Ack;

    public string Club => _club;

    /// <summary>Messages from boards that did not decode (a board with other firmware, or a bug).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    public IReadOnlyList<BoardView> Boards => _boards.Values.OrderBy(b => b.Board, StringComparer.Ordinal).ToArray();

    public BoardView? Find(string board) => _boards.TryGetValue(board, out var b) ? b : null;

    public void Start()
    {
        string prefix = $"{Topics.Root}/{_club}/+/";
        _subscriptions.Add(_bus.Subscribe(prefix + "status", m => OnMessage(m, TopicLeaf.Status), includeRetained: true));
        _subscriptions.Add(_bus.Subscribe(prefix + "info", m => OnMessage(m, TopicLeaf.Info), includeRetained: true));
        _subscriptions.Add(_bus.Subscribe(prefix + "console", m => OnMessage(m, TopicLeaf.Console), includeRetained: false));
        _subscriptions.Add(_bus.Subscribe(prefix + "error", m => OnMessage(m, TopicLeaf.Error), includeRetained: false));
        _subscriptions.Add(_bus.Subscribe(prefix + "watch", m => OnMessage(m, TopicLeaf.Watch), includeRetained: false));
        _subscriptions.Add(_bus.Subscribe(prefix + "ack", m => OnMessage(m, TopicLeaf.Ack), includeRetained: false));
    }

    /// <summary>Marks a board as one of this hub's virtual boards (shown as such on the page).</summary>
    public void MarkVirtual(string board) => Update(board, b => b with { Virtual = true });

    /// <summary>Gives a board a display name (empty removes it); kept in the hub's data folder.</summary>
    public BoardView? Rename(string board, string displayName)
    {
        if (!_boards.ContainsKey(board)) return null;
        _names.Set(board, displayName);
        return Update(board, b => b with { DisplayName = _names.Get(board) });
    }

    ValueTask OnMessage(BusMessage m, TopicLeaf leaf)
    {
        var topic = Topics.Parse(m.Topic);
        if (!topic.IsValid || topic.Club != _club) return ValueTask.CompletedTask;
        string board = topic.Board;
        byte[] payload = m.Payload.ToArray();
        try
        {
            switch (leaf)
            {
                case TopicLeaf.Status:
                    if (payload.Length == 0) { Forget(board); break; } // the retained status was deleted
                    var status = StatusPayload.Decode(payload);
                    Update(board, b => b with
                    {
                        State = StatusPayload.StateName(status.State),
                        Program = status.State == BoardState.Offline ? b.Program : status.Program,
                        UptimeMs = status.UptimeMs,
                        SignalDbm = status.State == BoardState.Offline ? null : status.SignalDbm == StatusPayload.NoSignal ? null : status.SignalDbm,
                        LastSeen = m.Retained && b.LastSeen is not null ? b.LastSeen : _time.GetUtcNow(),
                    });
                    break;
                case TopicLeaf.Info:
                    if (payload.Length == 0) break;
                    var info = InfoPayload.Decode(payload);
                    Update(board, b => b with
                    {
                        Kind = InfoPayload.KindName(info.Kind),
                        Firmware = info.Firmware,
                        Format = info.FormatVersion,
                        Profile = info.Profile,
                        Primitives = info.Primitives,
                    });
                    break;
                case TopicLeaf.Console:
                    var line = ConsolePayload.Decode(payload);
                    Seen(board);
                    ConsoleLine?.Invoke(new ConsoleLine(board, line.TimeMs, line.Text, line.Dropped));
                    break;
                case TopicLeaf.Error:
                    var error = ErrorPayload.Decode(payload);
                    Seen(board);
                    Error?.Invoke(new BoardError(board, error.TimeMs, error.Code, error.Message, error.Script, error.Function, error.Pc, Find(board)?.Program ?? ""));
                    break;
                case TopicLeaf.Watch:
                    var watch = WatchPayload.Decode(payload);
                    Watch?.Invoke(new WatchValues(board, watch.TimeMs, watch.Values.Select(ToObject).ToArray()));
                    break;
                case TopicLeaf.Ack:
                    Ack?.Invoke(board, AckPayload.Decode(payload));
                    break;
            }
        }
        catch (Exception e) when (e is PayloadException or JsonException or ArgumentException)
        {
            Interlocked.Increment(ref _malformed);
        }
        return ValueTask.CompletedTask;
    }

    static object? ToObject(LinkValue? v) => v?.Kind switch
    {
        LinkValueKind.Number => v.Number,
        LinkValueKind.Bool => v.Bool,
        LinkValueKind.Text => v.Text,
        _ => null,
    };

    void Seen(string board) => Update(board, b => b with { LastSeen = _time.GetUtcNow() }, notify: false);

    void Forget(string board)
    {
        if (_boards.TryRemove(board, out var gone)) BoardChanged?.Invoke(gone with { State = "offline" });
    }

    BoardView Update(string board, Func<BoardView, BoardView> change, bool notify = true)
    {
        var updated = _boards.AddOrUpdate(board,
            name => change(new BoardView { Board = name, DisplayName = _names.Get(name) }),
            (_, old) => change(old));
        if (notify) BoardChanged?.Invoke(updated);
        return updated;
    }

    public void Dispose()
    {
        // HubStartup and the service container may both dispose it, at the same time during a fast shutdown.
        IDisposable[] subscriptions;
        lock (_subscriptions)
        {
            subscriptions = _subscriptions.ToArray();
            _subscriptions.Clear();
        }
        foreach (var s in subscriptions) s.Dispose();
    }
}
