using System.Text.Json;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class SnapshotAndBoardTests
{
    [Fact]
    public void Robot_state_round_trips_through_json_for_the_web_view()
    {
        var board = VirtualRobotBoard.Create("obstacles", seed: 8);
        var hw = board.Hardware;
        hw.Motors.SetPower(70, 50);
        hw.Led.SetColor(255, 128, 0);
        hw.Buzzer.Tone(440, 0);
        hw.Servo.SetAngle(30);
        _ = hw.Distance.ReadCentimeters();
        board.Step(1500);
        board.Robot.Button.Press();

        RobotState state = board.Snapshot();
        string json = SimulationJson.Serialize(state);
        RobotState back = SimulationJson.Deserialize<RobotState>(json)!;

        Assert.Equal(json, SimulationJson.Serialize(back));
        Assert.Equal(state.Pose, back.Pose);
        Assert.Equal(state.Trace, back.Trace);
        Assert.Equal(state.Buzzer.History, back.Buzzer.History);
        Assert.Equal(state with { Trace = back.Trace, Buzzer = back.Buzzer }, back);

        // What the web app sees: camelCase names, plain numbers, no computed extras.
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        Assert.Equal(1500, root.GetProperty("timeMs").GetInt64());
        Assert.True(root.GetProperty("pose").TryGetProperty("headingDegrees", out _));
        Assert.False(root.GetProperty("pose").TryGetProperty("position", out _));
        Assert.Equal(255, root.GetProperty("led").GetProperty("red").GetInt32());
        Assert.Equal(440, root.GetProperty("buzzer").GetProperty("frequencyHz").GetInt32());
        Assert.True(root.GetProperty("buttonPressed").GetBoolean());
        Assert.Equal(30, root.GetProperty("servoDegrees").GetDouble());
        Assert.True(root.GetProperty("trace").GetArrayLength() > 10);
    }

    [Fact]
    public void Weather_state_round_trips_through_json()
    {
        var board = VirtualWeatherBoard.CreateModel(seed: 2);
        board.Step(5 * 3_600_000);
        WeatherState state = board.Snapshot();

        string json = SimulationJson.Serialize(state);
        Assert.Equal(state, SimulationJson.Deserialize<WeatherState>(json));
        Assert.Contains("\"timeOfDay\":\"13:00:00", json);
        Assert.Contains("\"temperatureCelsius\":", json);
    }

    [Fact]
    public void The_robot_board_has_the_robot_parts_and_no_weather_sensors()
    {
        var board = VirtualRobotBoard.Create("maze");
        var hw = board.Hardware;
        Assert.Same(board.Clock, hw.Clock);
        Assert.NotNull(hw.Motors);
        Assert.NotNull(hw.Distance);
        Assert.NotNull(hw.Line);
        Assert.NotNull(hw.Bumper);
        Assert.NotNull(hw.Button);
        Assert.NotNull(hw.Led);
        Assert.NotNull(hw.Buzzer);
        Assert.NotNull(hw.Servo);
        Assert.Null(hw.Temperature);
        Assert.Null(hw.Rain);
    }

    [Fact]
    public void The_weather_board_has_six_sensors_an_led_and_a_button()
    {
        var hw = VirtualWeatherBoard.CreateModel().Hardware;
        Assert.NotNull(hw.Temperature);
        Assert.NotNull(hw.Humidity);
        Assert.NotNull(hw.Pressure);
        Assert.NotNull(hw.Light);
        Assert.NotNull(hw.Wind);
        Assert.NotNull(hw.Rain);
        Assert.NotNull(hw.Led);
        Assert.NotNull(hw.Button);
        Assert.Null(hw.Motors);
        Assert.Null(hw.Distance);
    }

    [Fact]
    public void A_robot_and_a_weather_station_can_share_one_clock()
    {
        var clock = new SimulatedClock();
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"), clock: clock);
        var weather = new SimulatedWeatherStation(clock: clock);
        robot.Motors.SetPower(100, 100);

        clock.Advance(2000); // e.g. the runtime's sleep

        Assert.Equal(55.5, robot.DistanceTravelledCm, 1);
        Assert.Equal(2000, weather.Snapshot().TimeMs);
        Assert.Equal(2000, robot.Snapshot().TimeMs);
    }

    [Fact]
    public void Buzzer_tones_end_by_themselves_and_the_history_is_bounded()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"), new RobotConfig { BuzzerHistoryCapacity = 3 });
        robot.Buzzer.Tone(440, 200);
        Assert.Equal(440, robot.Buzzer.FrequencyHz);
        robot.Step(199);
        Assert.Equal(440, robot.Buzzer.FrequencyHz);
        robot.Step(1);
        Assert.Equal(0, robot.Buzzer.FrequencyHz);

        robot.Buzzer.Tone(523, 0); // until stopped
        robot.Step(10_000);
        Assert.Equal(523, robot.Buzzer.FrequencyHz);
        robot.Buzzer.Stop();
        robot.Buzzer.Tone(-5, 100); // no such tone: silence

        BuzzerState state = robot.Buzzer.State;
        Assert.Equal(0, state.FrequencyHz);
        Assert.Equal([new ToneRecord(200, 523, 0), new ToneRecord(10_200, 0, 0), new ToneRecord(10_200, 0, 0)], state.History);
    }

    [Fact]
    public void The_button_is_pressed_from_outside_and_a_click_lets_go_by_itself()
    {
        var board = VirtualRobotBoard.Create();
        var button = board.Robot.Button;
        Assert.False(board.Hardware.Button.Pressed);

        button.Press();
        board.Step(5000);
        Assert.True(board.Hardware.Button.Pressed);
        button.Release();
        Assert.False(board.Hardware.Button.Pressed);

        button.PressFor(100);
        board.Step(99);
        Assert.True(board.Hardware.Button.Pressed);
        board.Step(1);
        Assert.False(board.Hardware.Button.Pressed);
    }

    [Fact]
    public void Led_and_servo_clamp_like_the_hardware()
    {
        var robot = new SimulatedRobot(Arena.BuiltIn("empty"));
        robot.Led.SetColor(300, -4, 17);
        Assert.Equal(new LedColor(255, 0, 17), robot.Led.Color);
        robot.Servo.SetAngle(270);
        Assert.Equal(180, robot.Servo.TargetDegrees);
    }

    [Fact]
    public void The_clock_only_moves_when_advanced()
    {
        var clock = new SimulatedClock();
        Assert.Equal(0, clock.Milliseconds);
        clock.Advance(1234);
        Assert.Equal(1234, clock.Milliseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(-1));
    }

    [Fact]
    public void The_real_time_pacer_advances_by_scaled_real_time_without_drift()
    {
        var time = new ManualTimeProvider();
        var clock = new SimulatedClock();
        var pacer = new RealTimePacer(clock, speed: 10, time);

        time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(1500, pacer.Pump());
        Assert.Equal(1500, clock.Milliseconds);

        pacer.Speed = 0.25;
        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1)); // a quarter millisecond each: carried over
            pacer.Pump();
        }

        Assert.Equal(1502, clock.Milliseconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => pacer.Speed = 0);
    }

    private sealed class ManualTimeProvider : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
