using Xunit.Abstractions;

namespace RoboClub.Hub.Tests.Reliability;

/// <summary>
/// How long the crash and restart tests put load on the hub: a few seconds in ./test.sh, longer
/// with ROBOCLUB_LONG=1 (run by hand; the figures go to docs/scaling.md, "Crashes and restarts").
/// </summary>
internal static class Durations
{
    public static bool Long => Environment.GetEnvironmentVariable("ROBOCLUB_LONG") == "1";

    /// <summary>Load before the crash or restart.</summary>
    public static TimeSpan Before => Long ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3);

    /// <summary>Load after it (the boards' backlog drains meanwhile).</summary>
    public static TimeSpan After => Long ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(3);

    /// <summary>How long a broker or database stays down.</summary>
    public static TimeSpan Down => Long ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2);

    /// <summary>Boards publishing at once (each within the hub's per-board rate limit and burst).</summary>
    public static int Boards => Long ? 40 : 12;

    /// <summary>Prints a figure for the report (visible with --logger "console;verbosity=detailed").</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine("[reliability] " + line);
    }
}
