namespace RoboClub.Flashing.Provisioning;

/// <summary>What a board becomes: a robot or a weather station (the `profile` in roboclub.json).</summary>
public enum BoardProfile { Robot, Weather }

public static class BoardProfiles
{
    public static string Name(this BoardProfile p) => p == BoardProfile.Weather ? "weather" : "robot";

    /// <summary>"meteo-01", "robot-07": short, Romanian and English at once, easy to read off a label.</summary>
    public static string NamePrefix(this BoardProfile p) => p == BoardProfile.Weather ? "meteo" : "robot";

    public static bool TryParse(string? text, out BoardProfile profile)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "robot": profile = BoardProfile.Robot; return true;
            case "weather" or "meteo": profile = BoardProfile.Weather; return true;
            default: profile = default; return false;
        }
    }
}
