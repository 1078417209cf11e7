using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.VirtualBoard;

/// <summary>A virtual board's simulated parts: the hardware the runtime sees, and simulated time.</summary>
public interface IVirtualParts
{
    BoardKind Kind { get; }
    /// <summary>The profile name reported in the board's info ("virtual-robot", "virtual-weather").</summary>
    string Profile { get; }
    BoardHardware Hardware { get; }
    /// <summary>Simulated milliseconds since the board started.</summary>
    long NowMs { get; }
    /// <summary>Moves the simulation (and its clock) forward.</summary>
    void Advance(int milliseconds);
    /// <summary>The observable state (pose, readings) for the editor's drawing, as a JSON-friendly object.</summary>
    object Snapshot();
    /// <summary>A robot's arena as JSON (walls, boxes, line, goal) for drawing it; null for a weather station.</summary>
    string? ArenaJson { get; }
}
