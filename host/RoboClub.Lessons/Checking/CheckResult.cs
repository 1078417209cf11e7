using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Lessons.Checking;

/// <summary>One goal of the lesson: what it asks and what happened, in both languages.</summary>
public sealed record GoalResult(string Kind, bool Passed, LocalText Asked, LocalText Detail, LocalText? Hint);

/// <summary>Where the program stopped with an error (line 0: unknown); <see cref="Message"/> when the check itself explains it.</summary>
public sealed record CheckError(string Code, int Line, int Column, LocalText? Message = null);

/// <summary>
/// The answer to "Check my program". <see cref="Compiled"/> false: the program has mistakes
/// (<see cref="Diagnostics"/>), nothing ran. <see cref="Passed"/>: every goal is met.
/// </summary>
public sealed record CheckResult(
    bool Compiled,
    bool Passed,
    IReadOnlyList<GoalResult> Goals,
    IReadOnlyList<RoboClub.Compiler.CompileDiagnostic> Diagnostics,
    CheckError? RuntimeError,
    double SimulatedSeconds,
    IReadOnlyList<string> Output,
    RobotState? Robot,
    string? ArenaJson);
