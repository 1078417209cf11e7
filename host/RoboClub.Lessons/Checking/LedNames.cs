using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.Lessons.Checking;

/// <summary>LED colours by name (the names of <c>Led.Color</c>), and the name nearest to an RGB value.</summary>
public static class LedNames
{
    static readonly (string Name, int R, int G, int B, string Ro)[] Colors =
    [
        ("off", 0, 0, 0, "stins"), ("red", 255, 0, 0, "roșu"), ("green", 0, 255, 0, "verde"), ("blue", 0, 0, 255, "albastru"),
        ("yellow", 255, 255, 0, "galben"), ("orange", 255, 128, 0, "portocaliu"), ("purple", 128, 0, 255, "mov"),
        ("white", 255, 255, 255, "alb"), ("pink", 255, 96, 160, "roz"), ("cyan", 0, 255, 255, "turcoaz"),
    ];

    /// <summary>The English name of the colour nearest to <paramref name="led"/> (so Led.Rgb(250, 10, 0) counts as red).</summary>
    public static string Nearest(LedColor led)
    {
        string best = "off";
        int bestDistance = int.MaxValue;
        foreach (var c in Colors)
        {
            int d = Sq(c.R - led.Red) + Sq(c.G - led.Green) + Sq(c.B - led.Blue);
            if (d < bestDistance) { bestDistance = d; best = c.Name; }
        }
        return best;
    }

    public static string Romanian(string english) => Colors.FirstOrDefault(c => c.Name == english).Ro ?? english;

    static int Sq(int x) => x * x;
}
