using RoboClub.Flashing;
using RoboClub.Flashing.Diagnostics;

namespace RoboClub.Hub.Flashing;

/// <summary>Where a batch is, as the wizard shows it.</summary>
public enum BatchState { Idle, Preparing, WaitingForBoard, Flashing, WaitingOnline, Problem, Unplug, Done, Stopped }

/// <summary>A failure as the page shows it: nanoff's code, what happened, what to do.</summary>
public sealed record FailureView(string Code, LocalText Problem, LocalText Fix, bool Retried);

/// <summary>One board finished in this batch.</summary>
public sealed record BatchBoard(string Name, string Port, string? Chip, string? Mac, bool Online);

/// <summary>A snapshot of the batch for the page (polled; see docs/flashing.md for why polling).</summary>
public sealed record BatchView
{
    public BatchState State { get; init; } = BatchState.Idle;
    public bool Running { get; init; }
    public string? Profile { get; init; }
    public string? Club { get; init; }
    public int? Count { get; init; }
    /// <summary>The board being provisioned (its future name) and its port.</summary>
    public string? Board { get; init; }
    public string? Port { get; init; }
    public int Step { get; init; }
    public int Percent { get; init; }
    /// <summary>The big sentence on the page ("Plug in the next board").</summary>
    public LocalText? Message { get; init; }
    public FailureView? Failure { get; init; }
    public IReadOnlyList<Diagnosis> Diagnoses { get; init; } = [];
    public IReadOnlyList<BatchBoard> Done { get; init; } = [];
    /// <summary>The last lines nanoff printed (at most 200).</summary>
    public IReadOnlyList<string> Log { get; init; } = [];
    /// <summary>Grows with every change, so a page can tell a new snapshot from the last one.</summary>
    public long Version { get; init; }
}
