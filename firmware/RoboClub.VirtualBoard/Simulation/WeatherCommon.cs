using RoboClub.Board.Hardware;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>What a weather station measures. Units: °C, % RH, hPa, % light, km/h, mm (rain since start).</summary>
public enum WeatherQuantity
{
    Temperature,
    Humidity,
    Pressure,
    Light,
    Wind,
    Rain,
}

/// <summary>Where weather readings come from: the day/night model or a replayed recording.</summary>
public interface IWeatherSimulation : ISimulation
{
    /// <summary>False when this source has no such quantity (a recording without wind): the board then has no such sensor.</summary>
    bool Provides(WeatherQuantity quantity);

    /// <summary>What the sensor reads now (the model adds sensor noise; a replay gives the recording).</summary>
    float Read(WeatherQuantity quantity);

    /// <summary>An immutable picture for the web view. Taking it changes nothing, not even the noise series.</summary>
    WeatherState Snapshot();
}

/// <summary>
/// The weather at one instant, for the web view (JSON-friendly with <see cref="SimulationJson.Options"/>).
/// Readings are the underlying values without sensor noise; null when the source has no such quantity.
/// </summary>
/// <param name="Day">Whole days since the simulation started (its first day is 0).</param>
/// <param name="TimeOfDay">The station's local clock time.</param>
/// <param name="Source">"model" or "replay".</param>
/// <param name="Raining">Whether a shower is falling now (null for a replay).</param>
public sealed record WeatherState(
    long TimeMs,
    int Day,
    TimeOnly TimeOfDay,
    string Source,
    double? TemperatureCelsius,
    double? HumidityPercent,
    double? PressureHectopascals,
    double? LightPercent,
    double? WindKilometersPerHour,
    double? RainMillimeters,
    bool? Raining);

// The six sensor parts: each reads one quantity from a weather source.

public sealed class SimulatedTemperatureSensor(IWeatherSimulation source) : ITemperatureSensor
{
    public float ReadCelsius() => source.Read(WeatherQuantity.Temperature);
}

public sealed class SimulatedHumiditySensor(IWeatherSimulation source) : IHumiditySensor
{
    public float ReadPercent() => source.Read(WeatherQuantity.Humidity);
}

public sealed class SimulatedPressureSensor(IWeatherSimulation source) : IPressureSensor
{
    public float ReadHectopascals() => source.Read(WeatherQuantity.Pressure);
}

public sealed class SimulatedLightSensor(IWeatherSimulation source) : ILightSensor
{
    public float ReadPercent() => source.Read(WeatherQuantity.Light);
}

public sealed class SimulatedWindSensor(IWeatherSimulation source) : IWindSensor
{
    public float ReadKilometersPerHour() => source.Read(WeatherQuantity.Wind);
}

public sealed class SimulatedRainGauge(IWeatherSimulation source) : IRainGauge
{
    public float ReadMillimeters() => source.Read(WeatherQuantity.Rain);
}
