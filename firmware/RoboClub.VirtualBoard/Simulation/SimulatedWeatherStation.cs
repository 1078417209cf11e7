namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// A weather model for the virtual weather station. The deterministic part follows the clock time of
/// day: temperature lowest at sunrise and highest mid-afternoon, humidity the inverse, light 0 at
/// night with half-hour dawn and dusk ramps, a twice-daily pressure tide, wind stronger in the
/// afternoon. On top, random processes driven by the seed: slow temperature and pressure drift,
/// cloudiness, fronts (a pressure dip with wind and more showers), showers that accumulate rain,
/// wind gusts. The processes advance on a fixed grid of simulated seconds (slow ones each minute), so the weather
/// depends only on the seed and the time, not on how the clock was stepped. Reading a sensor adds
/// its own noise from a separate generator (so reading does not change the weather).
/// </summary>
public sealed class SimulatedWeatherStation : IWeatherSimulation, IClockFollower
{
    private const double TickSeconds = 1;
    private const double TwilightHours = 0.5;
    private const double TwilightLightPercent = 5;

    private readonly object _gate = new();
    private readonly SimRandom _process;
    private readonly SimRandom _sensorNoise;
    private readonly double _startSeconds;

    // Process state, advanced once per simulated second.
    private long _ticks; // whole seconds integrated
    private double _temperatureDrift; // °C
    private double _pressureDrift; // hPa
    private double _cloudiness; // 0..1
    private double _windDrift; // km/h
    private double _gust; // km/h, decaying
    private double _wetness; // 0..1, air moistened by rain
    private double _showerCooling; // 0..1 (times ShowerCoolingCelsius)
    private long _showerEndTick = -1;
    private double _showerIntensity; // mm/h
    private long _frontStartTick = -1;
    private double _frontHours;
    private double _frontDepth; // hPa
    private double _rainTotal; // mm, exact

    public SimulatedWeatherStation(WeatherConfig? config = null, long seed = 0, SimulatedClock? clock = null)
    {
        Config = config ?? new WeatherConfig();
        Config.Validate();
        Seed = seed;
        Clock = clock ?? new SimulatedClock();
        _process = SimRandom.ForStream(seed, "weather");
        _sensorNoise = SimRandom.ForStream(seed, "weather-sensors");
        _startSeconds = Config.StartTimeOfDay.ToTimeSpan().TotalSeconds - Clock.Seconds;
        _ticks = Clock.Milliseconds / 1000;
        _cloudiness = 0.3;
        _pressureDrift = _process.NextGaussian(2);
        _temperatureDrift = _process.NextGaussian(0.5);
        Clock.Attach(this);
    }

    public WeatherConfig Config { get; }

    public long Seed { get; }

    public SimulatedClock Clock { get; }

    /// <summary>How much a shower cools the afternoon, °C (less at night, when there is no sun to block).</summary>
    public const double ShowerCoolingCelsius = 3;

    public void Step(long milliseconds) => Clock.Advance(milliseconds);

    public bool Provides(WeatherQuantity quantity) => Enum.IsDefined(quantity);

    public float Read(WeatherQuantity quantity)
    {
        lock (_gate)
        {
            Values v = ValuesLocked(Clock.Milliseconds);
            double value = quantity switch
            {
                WeatherQuantity.Temperature => Math.Round(v.Temperature + _sensorNoise.NextGaussian(Config.TemperatureNoiseCelsius), 1),
                WeatherQuantity.Humidity => Math.Round(Math.Clamp(v.Humidity + _sensorNoise.NextGaussian(Config.HumidityNoisePercent), 0, 100), 1),
                WeatherQuantity.Pressure => Math.Round(v.Pressure + _sensorNoise.NextGaussian(Config.PressureNoiseHectopascals), 1),
                // At night the photoresistor reads a true 0: no noise added to darkness.
                WeatherQuantity.Light => v.Light <= 0 ? 0 : Math.Round(Math.Clamp(v.Light + _sensorNoise.NextGaussian(Config.LightNoisePercent), 0, 100), 1),
                WeatherQuantity.Wind => Math.Round(v.Wind, 1),
                WeatherQuantity.Rain => Math.Round(v.Rain, 2),
                _ => throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "not a weather quantity"),
            };
            return (float)value;
        }
    }

    public WeatherState Snapshot()
    {
        lock (_gate)
        {
            long now = Clock.Milliseconds;
            Values v = ValuesLocked(now);
            (int day, TimeOnly time) = DayAndTime(now);
            return new WeatherState(now, day, time, "model",
                Math.Round(v.Temperature, 2), Math.Round(v.Humidity, 2), Math.Round(v.Pressure, 2),
                Math.Round(v.Light, 2), Math.Round(v.Wind, 2), Math.Round(v.Rain, 2), v.Raining);
        }
    }

    /// <summary>The station's local clock time now.</summary>
    public TimeOnly TimeOfDay => DayAndTime(Clock.Milliseconds).Time;

    void IClockFollower.OnAdvance(long fromMs, long toMs)
    {
        lock (_gate)
        {
            long target = toMs / 1000;
            while (_ticks < target)
            {
                _ticks++;
                TickLocked();
            }
        }
    }

    // ---- the deterministic day ----

    private double HourOfDay(long ms)
    {
        double seconds = _startSeconds + ms / 1000.0;
        double hours = seconds / 3600.0 % 24.0;
        return hours < 0 ? hours + 24 : hours;
    }

    private (int Day, TimeOnly Time) DayAndTime(long ms)
    {
        double seconds = _startSeconds + ms / 1000.0;
        int day = (int)Math.Floor(seconds / 86400.0) - (int)Math.Floor(_startSeconds / 86400.0);
        double inDay = seconds - Math.Floor(seconds / 86400.0) * 86400.0;
        return (day, TimeOnly.FromTimeSpan(TimeSpan.FromSeconds(Math.Min(inDay, 86399.999))));
    }

    /// <summary>-1 at sunrise, +1 at the afternoon maximum, cosine-shaped in between (rising in the
    /// day, falling through the evening and night).</summary>
    internal double DiurnalShape(double hour)
    {
        double rise = Config.SunriseHour, peak = Config.TemperatureMaxHour;
        if (hour >= rise && hour <= peak)
        {
            return -Math.Cos(Math.PI * (hour - rise) / (peak - rise));
        }

        double sinceMax = hour > peak ? hour - peak : hour + 24 - peak;
        return Math.Cos(Math.PI * sinceMax / (24 - (peak - rise)));
    }

    /// <summary>Clear-sky light, %: 0 at night, a ramp to 5 % over the half hour before sunrise (and after
    /// sunset), then rising with the sun's height to 100 % at solar noon.</summary>
    internal double ClearSkyLight(double hour)
    {
        double rise = Config.SunriseHour, set = Config.SunsetHour;
        if (hour <= rise - TwilightHours || hour >= set + TwilightHours)
        {
            return 0;
        }

        if (hour < rise)
        {
            return TwilightLightPercent * (hour - (rise - TwilightHours)) / TwilightHours;
        }

        if (hour > set)
        {
            return TwilightLightPercent * ((set + TwilightHours) - hour) / TwilightHours;
        }

        double elevation = Math.Sin(Math.PI * (hour - rise) / (set - rise));
        return TwilightLightPercent + (100 - TwilightLightPercent) * Math.Sqrt(elevation);
    }

    private readonly record struct Values(double Temperature, double Humidity, double Pressure, double Light, double Wind, double Rain, bool Raining);

    private Values ValuesLocked(long ms)
    {
        double hour = HourOfDay(ms);
        double shape = DiurnalShape(hour);
        double daytimeWeight = (shape + 1) / 2; // 0 at dawn, 1 mid-afternoon
        bool raining = _showerEndTick > _ticks;

        double temperature = Config.TemperatureBaseCelsius + Config.TemperatureAmplitudeCelsius * shape + _temperatureDrift
            - ShowerCoolingCelsius * _showerCooling * daytimeWeight
            - 1.5 * _cloudiness * daytimeWeight;

        double dryHumidity = Config.HumidityMeanPercent - Config.HumidityAmplitudePercent * shape - 2 * _temperatureDrift;
        double humidity = Math.Clamp(dryHumidity + (97 - dryHumidity) * _wetness, 5, 100);

        double tide = 0.8 * Math.Cos(2 * Math.PI * (hour - 10) / 12); // highs near 10:00 and 22:00
        double pressure = Config.PressureBaseHectopascals + _pressureDrift + tide - FrontDip();

        double light = ClearSkyLight(hour) * (1 - 0.7 * _cloudiness);

        double windMean = Config.WindMeanKilometersPerHour * (0.7 + 0.6 * Math.Max(0, shape)) * (FrontActive ? 1.8 : 1);
        double wind = Math.Max(0, windMean + _windDrift + _gust);

        double rain = Config.RainBucketMillimeters > 0
            ? Math.Floor(_rainTotal / Config.RainBucketMillimeters + 1e-9) * Config.RainBucketMillimeters
            : _rainTotal;

        return new Values(temperature, humidity, pressure, light, wind, rain, raining);
    }

    private bool FrontActive => _frontStartTick >= 0 && _ticks < _frontStartTick + (long)(_frontHours * 3600);

    /// <summary>A front's pressure dip: a smooth bump, deepest half-way through.</summary>
    private double FrontDip()
    {
        if (!FrontActive)
        {
            return 0;
        }

        double progress = (_ticks - _frontStartTick) / (_frontHours * 3600);
        return _frontDepth * Math.Pow(Math.Sin(Math.PI * progress), 2);
    }

    // ---- the random processes ----
    // Gusts and rain advance every simulated second; the slow processes (hours) once a simulated minute.

    private const double SlowTickSeconds = 60;
    private static readonly double TemperatureDecay = Math.Exp(-SlowTickSeconds / (6 * 3600));
    private static readonly double PressureDecay = Math.Exp(-SlowTickSeconds / (36 * 3600));
    private static readonly double CloudDecay = Math.Exp(-SlowTickSeconds / 3600);
    private static readonly double WindDecay = Math.Exp(-SlowTickSeconds / (20 * 60));
    private static readonly double WetnessRise = Math.Exp(-SlowTickSeconds / (15 * 60));
    private static readonly double WetnessFall = Math.Exp(-SlowTickSeconds / (2 * 3600));
    private static readonly double CoolingRise = Math.Exp(-SlowTickSeconds / (20 * 60));
    private static readonly double CoolingFall = Math.Exp(-SlowTickSeconds / (90 * 60));
    private static readonly double GustDecay = Math.Exp(-TickSeconds / 6);
    private const double GustsPerSecond = 1.0 / 90;

    private void TickLocked()
    {
        if (_ticks % (long)SlowTickSeconds == 0)
        {
            SlowTickLocked();
        }

        if (_showerEndTick > _ticks)
        {
            _rainTotal += _showerIntensity * TickSeconds / 3600.0;
        }

        // Gusts: occasional bursts that die away in seconds.
        _gust *= GustDecay;
        if (Config.GustKilometersPerHour > 0 && _process.NextDouble() < GustsPerSecond)
        {
            _gust += _process.NextDouble(0.3, 1.0) * Config.GustKilometersPerHour;
        }
    }

    private void SlowTickLocked()
    {
        _temperatureDrift = OrnsteinUhlenbeck(_temperatureDrift, TemperatureDecay, 0.6);
        _pressureDrift = OrnsteinUhlenbeck(_pressureDrift, PressureDecay, 3);
        _windDrift = OrnsteinUhlenbeck(_windDrift, WindDecay, 0.3 * Config.WindMeanKilometersPerHour);

        // Fronts.
        if (Config.Fronts && !FrontActive && _process.NextDouble() < Config.FrontsPerDay * SlowTickSeconds / 86400.0)
        {
            _frontStartTick = _ticks;
            _frontHours = _process.NextDouble(8, 16);
            _frontDepth = _process.NextDouble(5, 12);
        }

        // Showers start (more often during a front) and last 10-40 minutes.
        bool raining = _showerEndTick > _ticks;
        double showerChance = Config.ShowersPerDay * SlowTickSeconds / 86400.0 * (FrontActive ? 3 : 1);
        if (!raining && _process.NextDouble() < showerChance)
        {
            _showerEndTick = _ticks + (long)_process.NextDouble(10 * 60, 40 * 60);
            _showerIntensity = _process.NextDouble(Config.ShowerMinMillimetersPerHour, Config.ShowerMaxMillimetersPerHour);
            raining = true;
        }

        // Clouds gather for rain (and fronts), otherwise wander; rain moistens and cools the air.
        double cloudTarget = raining ? 1.0 : FrontActive ? 0.7 : 0.3;
        _cloudiness = Math.Clamp(cloudTarget + (_cloudiness - cloudTarget) * CloudDecay + _process.NextGaussian(0.03), 0, 1);
        _wetness = raining ? 1 + (_wetness - 1) * WetnessRise : _wetness * WetnessFall;
        _showerCooling = raining ? 1 + (_showerCooling - 1) * CoolingRise : _showerCooling * CoolingFall;
    }

    private double OrnsteinUhlenbeck(double x, double decay, double stationaryDeviation) =>
        x * decay + stationaryDeviation * Math.Sqrt(1 - decay * decay) * _process.NextGaussian();
}
