using RoboClub.Board.Hardware;

namespace RoboClub.VirtualBoard.Simulation;

/// <summary>
/// A virtual robot board: a <see cref="SimulatedRobot"/> in an arena, and the
/// <see cref="BoardHardware"/> the runtime uses (clock, motors, distance, line, bumper, button, LED,
/// buzzer, servo — no weather sensors). Step it (or its clock) to let time pass.
/// </summary>
public sealed class VirtualRobotBoard : ISimulation
{
    public VirtualRobotBoard(Arena arena, RobotConfig? config = null, long seed = 0, SimulatedClock? clock = null)
    {
        Robot = new SimulatedRobot(arena, config, seed, clock);
        Hardware = new BoardHardware
        {
            Clock = Robot.Clock,
            Motors = Robot.Motors,
            Distance = Robot.Distance,
            Line = Robot.Line,
            Bumper = Robot.Bumper,
            Button = Robot.Button,
            Led = Robot.Led,
            Buzzer = Robot.Buzzer,
            Servo = Robot.Servo,
        };
    }

    /// <summary>A board in a built-in arena (see <see cref="Arena.BuiltInNames"/>).</summary>
    public static VirtualRobotBoard Create(string arenaName = "empty", RobotConfig? config = null, long seed = 0) =>
        new(Arena.BuiltIn(arenaName), config, seed);

    public SimulatedRobot Robot { get; }

    public BoardHardware Hardware { get; }

    public SimulatedClock Clock => Robot.Clock;

    public Arena Arena => Robot.Arena;

    public void Step(long milliseconds) => Robot.Step(milliseconds);

    public RobotState Snapshot() => Robot.Snapshot();
}

/// <summary>
/// A virtual weather station board: the six weather sensors from the model or a replay (a replay
/// without some quantity leaves that sensor absent), plus an LED and a button.
/// </summary>
public sealed class VirtualWeatherBoard : ISimulation
{
    public VirtualWeatherBoard(IWeatherSimulation weather)
    {
        Weather = weather ?? throw new ArgumentNullException(nameof(weather));
        Led = new SimulatedLed();
        Button = new SimulatedButton(weather.Clock);
        Hardware = new BoardHardware
        {
            Clock = weather.Clock,
            Led = Led,
            Button = Button,
            Temperature = weather.Provides(WeatherQuantity.Temperature) ? new SimulatedTemperatureSensor(weather) : null!,
            Humidity = weather.Provides(WeatherQuantity.Humidity) ? new SimulatedHumiditySensor(weather) : null!,
            Pressure = weather.Provides(WeatherQuantity.Pressure) ? new SimulatedPressureSensor(weather) : null!,
            Light = weather.Provides(WeatherQuantity.Light) ? new SimulatedLightSensor(weather) : null!,
            Wind = weather.Provides(WeatherQuantity.Wind) ? new SimulatedWindSensor(weather) : null!,
            Rain = weather.Provides(WeatherQuantity.Rain) ? new SimulatedRainGauge(weather) : null!,
        };
    }

    /// <summary>A station running the day/night model.</summary>
    public static VirtualWeatherBoard CreateModel(WeatherConfig? config = null, long seed = 0) =>
        new(new SimulatedWeatherStation(config, seed));

    /// <summary>A station replaying a CSV recording (see <see cref="WeatherReplay"/>).</summary>
    public static VirtualWeatherBoard CreateReplay(string csvPath) => new(WeatherReplay.Load(csvPath));

    public IWeatherSimulation Weather { get; }

    public BoardHardware Hardware { get; }

    public SimulatedLed Led { get; }

    public SimulatedButton Button { get; }

    public SimulatedClock Clock => Weather.Clock;

    public void Step(long milliseconds) => Weather.Step(milliseconds);

    public WeatherState Snapshot() => Weather.Snapshot();
}
