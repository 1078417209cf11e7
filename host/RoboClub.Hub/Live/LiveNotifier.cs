using Microsoft.AspNetCore.SignalR;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Live;

/// <summary>
/// Pushes what boards say to the pages: board changes to everyone, a board's console, errors (with
/// their line) and watch values to the pages that follow it, and 10 times a second the state of
/// each virtual board's simulation (the robot in its arena, the weather station's readings).
/// </summary>
public sealed class LiveNotifier(IHubContext<LiveHub> hub, BoardRegistry registry, ProgramSender programs, VirtualBoards virtualBoards, ILogger<LiveNotifier> logger) : IHostedService
{
    readonly CancellationTokenSource _stop = new();
    Task? _arena;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.BoardChanged += OnBoard;
        registry.ConsoleLine += OnConsole;
        registry.Error += OnError;
        registry.Watch += OnWatch;
        _arena = Task.Run(() => ArenaLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.BoardChanged -= OnBoard;
        registry.ConsoleLine -= OnConsole;
        registry.Error -= OnError;
        registry.Watch -= OnWatch;
        _stop.Cancel();
        if (_arena is not null) await _arena.ConfigureAwait(false);
    }

    void OnBoard(BoardView board) => Send(hub.Clients.All, "board", board);

    void OnConsole(ConsoleLine line) => Send(hub.Clients.Group(LiveHub.Group(line.Board)), "console", line);

    void OnError(BoardError error) => Send(hub.Clients.Group(LiveHub.Group(error.Board)), "error", programs.Locate(error));

    void OnWatch(WatchValues values) => Send(hub.Clients.Group(LiveHub.Group(values.Board)), "watch", values);

    async Task ArenaLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var board in virtualBoards.Boards)
                    Send(hub.Clients.Group(LiveHub.Group(board.Options.Board)), "arena", new { board = board.Options.Board, state = board.Snapshot() });
            }
        }
        catch (OperationCanceledException) { }
    }

    void Send(IClientProxy clients, string method, object payload)
    {
        // Fire and forget: a slow or closed page must never hold up the broker's delivery thread.
        _ = clients.SendAsync(method, payload).ContinueWith(t => logger.LogDebug(t.Exception, "live {Method} failed", method), TaskContinuationOptions.OnlyOnFaulted);
    }
}
