namespace RoboClub.Flashing.Provisioning;

/// <summary>What a board is, for its name and label: a robot or a weather station (decided by its kit).</summary>
public enum BoardKind { Robot, Weather }

/// <summary>
/// The kit a board is wired as: the `profile` in roboclub.json, one of the firmware's built-in profiles
/// (firmware/RoboClub.Firmware.Esp32/Profiles/BoardProfiles.cs, docs/boards.md). A test feeds every kit's
/// roboclub.json to the firmware's own parser, so the two lists cannot drift apart.
/// </summary>
public enum BoardKit { RobotTb6612, RobotL298n, WeatherBme280, WeatherDht22 }

public static class BoardKits
{
    /// <summary>Every kit, in the order the wizard shows them.</summary>
    public static readonly IReadOnlyList<BoardKit> All = [BoardKit.RobotTb6612, BoardKit.RobotL298n, BoardKit.WeatherBme280, BoardKit.WeatherDht22];

    /// <summary>The kit a librarian gets when only "robot" or "weather" is said.</summary>
    public static BoardKit Default(BoardKind kind) => kind == BoardKind.Weather ? BoardKit.WeatherBme280 : BoardKit.RobotTb6612;

    /// <summary>The firmware's profile name, written to roboclub.json and kept in the inventory.</summary>
    public static string Id(this BoardKit kit) => kit switch
    {
        BoardKit.RobotL298n => "robot-l298n",
        BoardKit.WeatherBme280 => "weather-bme280",
        BoardKit.WeatherDht22 => "weather-dht22",
        _ => "robot-tb6612",
    };

    public static BoardKind Kind(this BoardKit kit) => kit is BoardKit.WeatherBme280 or BoardKit.WeatherDht22 ? BoardKind.Weather : BoardKind.Robot;

    /// <summary>What the wizard and the CLI show for the kit.</summary>
    public static LocalText Label(this BoardKit kit) => kit switch
    {
        BoardKit.RobotL298n => new("Robot with an L298N driver", "Robot cu driver L298N"),
        BoardKit.WeatherBme280 => new("Weather station with a BME280", "Stație meteo cu BME280"),
        BoardKit.WeatherDht22 => new("Weather station with a DHT22", "Stație meteo cu DHT22"),
        _ => new("Robot with a TB6612FNG driver", "Robot cu driver TB6612FNG"),
    };

    /// <summary>
    /// A kit by its profile name ("weather-bme280"), or by kind alone ("robot", "weather", "meteo": the
    /// default kit of that kind; also what older inventories recorded).
    /// </summary>
    public static bool TryParse(string? text, out BoardKit kit)
    {
        string t = text?.Trim().ToLowerInvariant() ?? "";
        foreach (var k in All)
            if (k.Id() == t) { kit = k; return true; }
        switch (t)
        {
            case "robot": kit = Default(BoardKind.Robot); return true;
            case "weather" or "meteo": kit = Default(BoardKind.Weather); return true;
            default: kit = default; return false;
        }
    }

    /// <summary>"meteo-01", "robot-07": short, Romanian and English at once, easy to read off a label.</summary>
    public static string NamePrefix(this BoardKind kind) => kind == BoardKind.Weather ? "meteo" : "robot";
}
