namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// Parameters of the weather model. Defaults: a mild late-spring day in a temperate climate
/// (about 9 °C at dawn, 21 °C mid-afternoon), sunrise 06:30, sunset 19:30, a couple of showers a day.
/// </summary>
public sealed record WeatherConfig
{
    /// <summary>The station's clock time when the simulation starts.</summary>
    public TimeOnly StartTimeOfDay { get; init; } = new(8, 0);

    public double SunriseHour { get; init; } = 6.5;

    public double SunsetHour { get; init; } = 19.5;

    /// <summary>Mean of the day's minimum and maximum, °C.</summary>
    public double TemperatureBaseCelsius { get; init; } = 15;

    /// <summary>Half the day's range, °C: the minimum (at sunrise) is base - amplitude, the maximum base + amplitude.</summary>
    public double TemperatureAmplitudeCelsius { get; init; } = 6;

    /// <summary>When the day is warmest (hour, mid-afternoon).</summary>
    public double TemperatureMaxHour { get; init; } = 15;

    /// <summary>Relative humidity: mean and swing, % (high at dawn, low in the afternoon: the inverse of temperature).</summary>
    public double HumidityMeanPercent { get; init; } = 68;

    public double HumidityAmplitudePercent { get; init; } = 18;

    /// <summary>Mean sea-level pressure, hPa; it drifts slowly, with a small twice-daily tide.</summary>
    public double PressureBaseHectopascals { get; init; } = 1015;

    /// <summary>Fronts: a few times a week pressure falls by 5-12 hPa over half a day and recovers; wind and showers pick up.</summary>
    public bool Fronts { get; init; } = true;

    public double FrontsPerDay { get; init; } = 0.3;

    /// <summary>Mean wind, km/h (stronger in the afternoon), and how strong gusts get on top.</summary>
    public double WindMeanKilometersPerHour { get; init; } = 10;

    public double GustKilometersPerHour { get; init; } = 15;

    /// <summary>How many showers start per day on average (more during a front), and their strength.</summary>
    public double ShowersPerDay { get; init; } = 2;

    public double ShowerMinMillimetersPerHour { get; init; } = 1;

    public double ShowerMaxMillimetersPerHour { get; init; } = 8;

    /// <summary>Rain gauge resolution: the tipping bucket empties every this many mm (0.2794 mm on the common gauges; 0 = exact).</summary>
    public double RainBucketMillimeters { get; init; } = 0.2794;

    /// <summary>Sensor noise (standard deviations): temperature °C, humidity %, pressure hPa, light %.</summary>
    public double TemperatureNoiseCelsius { get; init; } = 0.1;

    public double HumidityNoisePercent { get; init; } = 0.5;

    public double PressureNoiseHectopascals { get; init; } = 0.1;

    public double LightNoisePercent { get; init; } = 0.5;

    public void Validate()
    {
        Range(SunriseHour, 0, 24, nameof(SunriseHour));
        Range(SunsetHour, SunriseHour + 1, 24, nameof(SunsetHour));
        Range(TemperatureMaxHour, SunriseHour + 1, 23.9, nameof(TemperatureMaxHour));
        Range(TemperatureBaseCelsius, -40, 45, nameof(TemperatureBaseCelsius));
        Range(TemperatureAmplitudeCelsius, 0, 20, nameof(TemperatureAmplitudeCelsius));
        Range(HumidityMeanPercent, 5, 100, nameof(HumidityMeanPercent));
        Range(HumidityAmplitudePercent, 0, 50, nameof(HumidityAmplitudePercent));
        Range(PressureBaseHectopascals, 850, 1080, nameof(PressureBaseHectopascals));
        Range(FrontsPerDay, 0, 10, nameof(FrontsPerDay));
        Range(WindMeanKilometersPerHour, 0, 150, nameof(WindMeanKilometersPerHour));
        Range(GustKilometersPerHour, 0, 150, nameof(GustKilometersPerHour));
        Range(ShowersPerDay, 0, 100, nameof(ShowersPerDay));
        Range(ShowerMinMillimetersPerHour, 0, 200, nameof(ShowerMinMillimetersPerHour));
        Range(ShowerMaxMillimetersPerHour, ShowerMinMillimetersPerHour, 200, nameof(ShowerMaxMillimetersPerHour));
        Range(RainBucketMillimeters, 0, 10, nameof(RainBucketMillimeters));
        Range(TemperatureNoiseCelsius, 0, 10, nameof(TemperatureNoiseCelsius));
        Range(HumidityNoisePercent, 0, 20, nameof(HumidityNoisePercent));
        Range(PressureNoiseHectopascals, 0, 20, nameof(PressureNoiseHectopascals));
        Range(LightNoisePercent, 0, 20, nameof(LightNoisePercent));
    }

    private static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentException($"WeatherConfig.{name} must be between {min} and {max} (got {value})", name);
        }
    }
}
