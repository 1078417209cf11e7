using System.Globalization;

namespace RoboClub.Compiler.Tests.Differential;

/// <summary>
/// The one deterministic world both sides share: sensor readings are a function of the sensor's
/// name, the simulated millisecond and how many times that sensor was read before; the button's
/// state is a function of time only. The board's fake hardware and the .NET recording API both
/// call these, so a difference in the traces is a difference in the programs' behaviour.
/// </summary>
public static class SensorModel
{
    /// <summary>Simulated time an event program (one with Every/When/OnMessage/OnButton) runs for.</summary>
    public const int EventProgramMs = 5000;
    /// <summary>Limit for a program without event scripts (it normally ends long before).</summary>
    public const int PlainProgramMs = 60_000;

    public static float Float(string name, long now, int n) => name switch
    {
        "sensors.distance" => 5 + (now / 40 + n * 7) % 60 + (n % 4) * 0.25f,
        "weather.temperature" => 15 + ((now / 100 + n * 3) % 100) * 0.1f,
        "weather.humidity" => 40 + (now / 250 + n * 5) % 50,
        "weather.pressure" => 1000 + ((now / 500 + n) % 30) * 0.5f,
        "weather.light" => (now / 20 + n * 11) % 101,
        "weather.wind" => ((now / 300 + n * 2) % 40) * 0.5f,
        "weather.rain" => ((now / 1000 + n) % 10) * 0.2f,
        _ => throw new ArgumentException("unknown float sensor " + name),
    };

    public static bool Bool(string name, long now, int n) => name switch
    {
        "sensors.lineLeft" => (now / 150 + n) % 3 == 0,
        "sensors.lineRight" => (now / 170 + n) % 4 == 1,
        "sensors.bumper" => (now / 200 + n) % 7 == 3,
        "sensors.button" => ButtonAt(now),
        _ => throw new ArgumentException("unknown bool sensor " + name),
    };

    /// <summary>The button is held at 1000-1099 ms, 2500-2599 ms and 4000-4049 ms.</summary>
    public static bool ButtonAt(long now) => now is >= 1000 and < 1100 or >= 2500 and < 2600 or >= 4000 and < 4050;

    /// <summary>Random(min, max) with min &lt;= max (the board's math.random swaps reversed bounds first).</summary>
    public static int Random(int min, int max, int n)
    {
        long span = (long)max - min + 1;
        return (int)(min + (n * 7L + 3) % span);
    }

    // ---- trace text, identical on both sides

    public static string Text(float f) => f.ToString("R", CultureInfo.InvariantCulture);
    public static string Text(bool b) => b ? "true" : "false";
    public static string Entry(long now, string what) => now.ToString(CultureInfo.InvariantCulture) + " " + what;
}
