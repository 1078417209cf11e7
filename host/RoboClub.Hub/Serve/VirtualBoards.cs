using Microsoft.Extensions.Options;
using RoboClub.Hub.Boards;
using RoboClub.VirtualBoard;

namespace RoboClub.Hub.Serve;

/// <summary>
/// The hub's virtual boards (robot-1, station-1, robot-2, ...): real board runtimes with simulated
/// parts, connected to the embedded broker like any ESP32, so a club without hardware has boards.
/// On the embedded broker each logs in with a random password made at this start (BoardLogins), so
/// it is held to the same ACL as a real board.
/// </summary>
public sealed class VirtualBoards(IOptions<HubSettings> options, IHubBus bus, IServiceProvider services)
{
    readonly List<VirtualBoardHost> _boards = [];
    readonly List<Task> _loops = [];
    readonly CancellationTokenSource _stop = new();

    public IReadOnlyList<VirtualBoardHost> Boards
    {
        get { lock (_boards) return _boards.ToArray(); }
    }

    public VirtualBoardHost? Find(string board) => Boards.FirstOrDefault(b => b.Options.Board == board);

    /// <summary>Starts the virtual boards on the hub's broker (the embedded one on loopback with their
    /// own run-time logins, or an external one with the hub's credentials).</summary>
    public async Task StartAsync(string brokerHost, int brokerPort, string? userName, string? password, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int count = Math.Clamp(settings.VirtualBoards, 0, 50);
        for (int i = 0; i < count; i++)
        {
            bool robot = i % 2 == 0;
            string name = (robot ? "robot-" : "station-") + (i / 2 + 1);
            (string? user, string? secret) = LoginFor(name) is { } login ? (login.User, login.Password) : (userName, password);
            var host = new VirtualBoardHost(
                new VirtualBoardOptions { Club = settings.Club, Board = name, BrokerHost = brokerHost, BrokerPort = brokerPort, UserName = user, Password = secret, Seed = i + 1 },
                VirtualParts.Create(robot ? "robot" : "weather", robot ? "obstacles" : null, null, seed: i + 1));
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            lock (_boards)
            {
                _boards.Add(host);
                _loops.Add(host.RunAsync(_stop.Token));
            }
        }
    }

    /// <summary>A run-time login for a board of the embedded broker; null with an external broker,
    /// which knows only the hub's own credentials.</summary>
    public (string User, string Password)? LoginFor(string board) =>
        bus is EmbeddedBrokerBus ? (board, services.GetRequiredService<EmbeddedBroker>().Logins.CreateRuntimeLogin(board)) : null;

    /// <summary>Starts one more board (a lesson's robot in the lesson's arena, host/RoboClub.Hub/Lessons) and runs it with the others.</summary>
    public async Task AddAsync(VirtualBoardHost host, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        lock (_boards)
        {
            _boards.Add(host);
            _loops.Add(host.RunAsync(_stop.Token));
        }
    }

    /// <summary>Motors off, "offline" published, disconnected. Safe to call more than once.</summary>
    public async Task StopAsync()
    {
        VirtualBoardHost[] boards;
        Task[] loops;
        lock (_boards)
        {
            boards = _boards.ToArray();
            loops = _loops.ToArray();
            _boards.Clear();
            _loops.Clear();
        }
        _stop.Cancel();
        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (var b in boards) await b.DisposeAsync().ConfigureAwait(false);
    }
}
