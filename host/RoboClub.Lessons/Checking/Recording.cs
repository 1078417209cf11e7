using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Lessons.Checking;

/// <summary>The board every 100 simulated ms: what goals look at afterwards.</summary>
public sealed record Sample(
    long TimeMs,
    Pose? Pose,
    int LeftPower,
    int RightPower,
    bool TouchedWall,
    bool InGoal,
    double TravelledCm,
    LedColor Led,
    WeatherState? Weather);

public sealed record Printed(long TimeMs, string Text);

public sealed record Plotted(long TimeMs, string Series, double Value);

public sealed record Sent(long TimeMs, string Name);

public sealed record ToneStart(long TimeMs, int FrequencyHz);

/// <summary>Everything a check run saw, in time order.</summary>
public sealed class Recording
{
    public List<Sample> Samples { get; } = [];
    public List<Printed> Prints { get; } = [];
    public List<Plotted> Plots { get; } = [];
    /// <summary>Messages the program itself sent with Broadcast.</summary>
    public List<Sent> Broadcasts { get; } = [];
    public List<ToneStart> Tones { get; } = [];
    public long EndMs { get; set; }
    public Arena? Arena { get; set; }
    /// <summary>The robot at the end (with its trace), for drawing the path on the page.</summary>
    public RobotState? FinalRobot { get; set; }

    public Sample At(double seconds)
    {
        long t = (long)(seconds * 1000);
        Sample best = Samples[0];
        foreach (var s in Samples)
        {
            if (s.TimeMs > t) break;
            best = s;
        }
        return best;
    }
}
