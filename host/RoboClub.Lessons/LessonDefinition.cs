namespace RoboClub.Lessons;

/// <summary>
/// lesson.yaml: the part of a lesson that is the same in every language — which virtual board it
/// runs on, which blocks each step shows, and the check. Field names are camelCase in the file.
/// </summary>
public sealed class LessonDefinition
{
    /// <summary>"robot" or "weather".</summary>
    public string Board { get; set; } = "";
    /// <summary>Robot: a built-in arena name (empty, square, wall-ahead, obstacles, line-oval, maze) or a .json file in the lesson folder.</summary>
    public string? Arena { get; set; }
    /// <summary>Robot: the ultrasonic sensor turns with the servo (needed to look sideways in the maze).</summary>
    public bool SensorOnServo { get; set; }
    /// <summary>Weather: a CSV file in the lesson folder replayed by the virtual station (firmware/RoboClub.VirtualBoard/README.md).</summary>
    public string? Replay { get; set; }
    /// <summary>One entry a step: the block types the toolbox shows during that step (docs/blocks.md).</summary>
    public List<List<string>> Toolbox { get; set; } = [];
    public CheckDefinition Check { get; set; } = new();
}

/// <summary>What "Check my program" does: run the program this long, send these inputs, test these goals.</summary>
public sealed class CheckDefinition
{
    /// <summary>Simulated seconds the program runs for (1–3600).</summary>
    public double Seconds { get; set; }
    public List<CheckInput> Inputs { get; set; } = [];
    public List<Goal> Goals { get; set; } = [];
}

/// <summary>Something that happens to the board during the check, as if a child or another board did it.</summary>
public sealed class CheckInput
{
    /// <summary>Seconds after the start.</summary>
    public double At { get; set; }
    /// <summary>A message (as from the browser or another board: <c>OnMessage</c> runs).</summary>
    public string? Message { get; set; }
    /// <summary>Press the button for this many milliseconds.</summary>
    public int? Button { get; set; }
}
