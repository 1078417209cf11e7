using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// What the web view draws: the robot at one instant. Immutable; serializes with
/// <see cref="SimulationJson.Options"/> (camelCase) and reads back. Distances in cm, angles in degrees.
/// </summary>
/// <param name="TimeMs">Simulated time of the picture.</param>
/// <param name="DistanceCm">What the ultrasonic would read now without noise (-1: no echo within range).</param>
/// <param name="LastDistanceReadingCm">What the program last read (with noise); null before its first read.</param>
/// <param name="ServoDegrees">Where the servo horn is now (it moves at finite speed).</param>
/// <param name="Trace">Recent poses, oldest first, for drawing the path.</param>
public sealed record RobotState(
    long TimeMs,
    Pose Pose,
    int LeftPowerPercent,
    int RightPowerPercent,
    double LeftWheelSpeedCmPerSecond,
    double RightWheelSpeedCmPerSecond,
    double DistanceCm,
    double? LastDistanceReadingCm,
    bool LeftOnLine,
    bool RightOnLine,
    bool BumperPressed,
    bool ButtonPressed,
    LedColor Led,
    BuzzerState Buzzer,
    double ServoDegrees,
    bool TouchedWall,
    bool InGoal,
    bool ReachedGoal,
    double DistanceTravelledCm,
    IReadOnlyList<Pose> Trace);

/// <summary>The JSON settings for snapshots and arenas: web defaults (camelCase, case-insensitive reads).</summary>
public static class SimulationJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
