namespace RoboClub.Hub.Boards;

/// <summary>
/// What the hub knows about one board, as the web page shows it. Built from the board's retained
/// status and info topics (docs/protocol.md); immutable, replaced on every change.
/// </summary>
public sealed record BoardView
{
    public required string Board { get; init; }
    /// <summary>"online", "offline", "running", "stopped" or "error" (the status topic's state).</summary>
    public string State { get; init; } = "offline";
    /// <summary>"robot", "weather", or null before the board sent its info.</summary>
    public string? Kind { get; init; }
    /// <summary>Hash of the program the board holds ("" none), as in status.program.</summary>
    public string Program { get; init; } = "";
    public long UptimeMs { get; init; }
    public string? Firmware { get; init; }
    public int? Format { get; init; }
    public string? Profile { get; init; }
    public IReadOnlyList<string> Primitives { get; init; } = [];
    public DateTimeOffset? LastSeen { get; init; }
    /// <summary>A virtual board run by this hub (no hardware).</summary>
    public bool Virtual { get; init; }
    /// <summary>The name the librarian gave it in the hub ("Robotul roșu"), or null.</summary>
    public string? DisplayName { get; init; }
    /// <summary>Wi-Fi signal in dBm from the board's status (-127..0), null when the board does not say (virtual boards).</summary>
    public int? SignalDbm { get; init; }
    public bool Online => State != "offline";
}

/// <summary>A line a board's program printed.</summary>
public sealed record ConsoleLine(string Board, long T, string Text, long Dropped);

/// <summary>A runtime error a board reported, with its place in the program when the hub knows it.</summary>
public sealed record BoardError(string Board, long T, string Code, string Message, int Script, int Function, int Pc, string Program)
{
    public int? Line { get; init; }
    public int? Column { get; init; }
    public string? MessageEn { get; init; }
    public string? MessageRo { get; init; }
}

/// <summary>The values of a program's global variables (the variable watch).</summary>
public sealed record WatchValues(string Board, long T, IReadOnlyList<object?> Values);
