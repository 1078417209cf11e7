using System.Collections.Concurrent;
using RoboClub.Board.Link;

namespace RoboClub.Hub.Boards;

/// <summary>
/// Commands to boards (run, stop, identify, watch, eval) with their acknowledgement: each command
/// carries a fresh seq and the board answers on its ack topic. The seq counter starts at a random
/// value because a board ignores a seq it saw recently (docs/protocol.md, "cmd").
/// </summary>
public sealed class BoardCommands : IDisposable
{
    static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);
    readonly IHubBus _bus;
    readonly BoardRegistry _registry;
    readonly ConcurrentDictionary<(string Board, int Seq), TaskCompletionSource<AckPayload>> _waiting = new();
    int _seq = Random.Shared.Next(1, 1_000_000_000);

    public BoardCommands(IHubBus bus, BoardRegistry registry)
    {
        _bus = bus;
        _registry = registry;
        _registry.Ack += OnAck;
    }

    /// <summary>Sends one command and waits for the board's answer.</summary>
    public async Task<CommandResult> SendAsync(string board, Func<int, CommandPayload> command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var view = _registry.Find(board);
        if (view is null) return CommandResult.Failed(CommandFailure.UnknownBoard, $"there is no board '{board}'");
        if (!view.Online) return CommandResult.Failed(CommandFailure.Offline, $"board '{board}' is offline");
        int seq = NextSeq();
        var answer = new TaskCompletionSource<AckPayload>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[(board, seq)] = answer;
        try
        {
            await _bus.PublishAsync(Topics.Board(_registry.Club, board, TopicLeaf.Cmd), command(seq).Encode(), retain: false, cancellationToken).ConfigureAwait(false);
            var ack = await answer.Task.WaitAsync(timeout ?? DefaultTimeout, cancellationToken).ConfigureAwait(false);
            return ack.Ok ? CommandResult.Done : CommandResult.Failed(CommandFailure.Refused, ack.Error ?? "refused");
        }
        catch (TimeoutException)
        {
            return CommandResult.Failed(CommandFailure.NoAnswer, $"board '{board}' did not answer");
        }
        finally
        {
            _waiting.TryRemove((board, seq), out _);
        }
    }

    /// <summary>The emergency stop: every board of the club stops its program and motors at once.
    /// Sent on the club-wide topic, which every board listens to; no answers are awaited.</summary>
    public async Task<int> StopAllAsync(CancellationToken cancellationToken = default)
    {
        await _bus.PublishAsync(Topics.ClubCommand(_registry.Club), CommandPayload.StopAll(NextSeq()).Encode(), retain: false, cancellationToken).ConfigureAwait(false);
        return _registry.Boards.Count(b => b.Online);
    }

    int NextSeq()
    {
        int seq = Interlocked.Increment(ref _seq);
        if (seq <= 0) { Interlocked.CompareExchange(ref _seq, 1, seq); seq = Interlocked.Increment(ref _seq); }
        return seq;
    }

    void OnAck(string board, AckPayload ack)
    {
        if (_waiting.TryGetValue((board, ack.Seq), out var waiting)) waiting.TrySetResult(ack);
    }

    public void Dispose() => _registry.Ack -= OnAck;
}

public enum CommandFailure { None, UnknownBoard, Offline, NoAnswer, Refused }

public sealed record CommandResult(bool Ok, CommandFailure Failure, string? Error)
{
    public static readonly CommandResult Done = new(true, CommandFailure.None, null);
    public static CommandResult Failed(CommandFailure failure, string error) => new(false, failure, error);
}
