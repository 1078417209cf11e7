using System.Diagnostics;
using System.Globalization;
using RoboClub.VirtualBoard.Simulation;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class WeatherReplayTests
{
    private const string SecondsCsv = """
        time,quantity,value
        # a comment
        0,temperature,10.0
        600,temperature,12.0
        1200,temperature,11.0
        0,rain,0
        600,rain,1.5
        1200,rain,1.5
        300,humidity,80
        """;

    [Fact]
    public void Values_at_sample_times_are_the_recording_and_in_between_are_interpolated()
    {
        var replay = WeatherReplay.Parse(SecondsCsv);
        var board = new VirtualWeatherBoard(replay);
        var hw = board.Hardware;

        Assert.Equal(10f, hw.Temperature.ReadCelsius());
        Assert.Equal(80f, hw.Humidity.ReadPercent()); // before its first sample: held
        board.Step(300_000);
        Assert.Equal(11f, hw.Temperature.ReadCelsius()); // half-way from 10 to 12
        Assert.Equal(0.75f, hw.Rain.ReadMillimeters()); // cumulative rain interpolates too
        board.Step(300_000);
        Assert.Equal(12f, hw.Temperature.ReadCelsius());
        Assert.Equal(1.5f, hw.Rain.ReadMillimeters());
        board.Step(150_000);
        Assert.Equal(11.75f, hw.Temperature.ReadCelsius());
        Assert.False(replay.IsFinished);
        board.Step(3_600_000);
        Assert.Equal(11f, hw.Temperature.ReadCelsius()); // after the last sample: held
        Assert.True(replay.IsFinished);
        Assert.Equal(1200, replay.DurationSeconds);
    }

    [Fact]
    public void Quantities_missing_from_the_recording_are_absent_sensors()
    {
        var board = new VirtualWeatherBoard(WeatherReplay.Parse(SecondsCsv));
        Assert.NotNull(board.Hardware.Temperature);
        Assert.Null(board.Hardware.Pressure);
        Assert.Null(board.Hardware.Light);
        Assert.Null(board.Hardware.Wind);
        Assert.Null(board.Hardware.Motors);
        Assert.NotNull(board.Hardware.Led);
        Assert.NotNull(board.Hardware.Button);

        WeatherState state = board.Snapshot();
        Assert.Null(state.PressureHectopascals);
        Assert.Equal(10, state.TemperatureCelsius);
        Assert.Equal("replay", state.Source);
    }

    [Fact]
    public void Iso_times_count_from_the_earliest_and_give_the_clock_time()
    {
        const string csv = """
            2024-05-18T06:00:00+02:00,temperature,8
            2024-05-18T06:30:00+02:00,temperature,9
            2024-05-18T06:15:00+02:00,pressure,1012.5
            """;
        var replay = WeatherReplay.Parse(csv);

        Assert.Equal(new TimeOnly(6, 0), replay.Snapshot().TimeOfDay);
        Assert.Equal(1800, replay.DurationSeconds);
        Assert.Equal(8.5, replay.ValueAt(WeatherQuantity.Temperature, 900), 6);
        Assert.Equal(1012.5, replay.ValueAt(WeatherQuantity.Pressure, 0), 6);
        replay.Step(45 * 60_000);
        Assert.Equal(new TimeOnly(6, 45), replay.Snapshot().TimeOfDay);
    }

    [Fact]
    public void Bad_rows_are_all_reported_with_their_line_numbers()
    {
        const string csv = """
            time,quantity,value
            0,temperature,10
            60,temprature,11
            120,temperature,warm
            180,humidity,130
            240,pressure
            -5,wind,3
            yesterday,wind,3
            0,temperature,9
            0,rain,2
            600,rain,1
            2024-05-18T06:00:00,light,40
            """;
        var e = Assert.Throws<WeatherReplayFormatException>(() => WeatherReplay.Parse(csv));
        var byLine = e.Errors.ToDictionary(x => x.Line, x => x.Message);

        Assert.Contains("unknown quantity \"temprature\"", byLine[3]);
        Assert.Contains("value \"warm\" is not a number", byLine[4]);
        Assert.Contains("humidity 130 % is outside 0..100", byLine[5]);
        Assert.Contains("expected 3 fields", byLine[6]);
        Assert.Contains("must be 0 or more seconds", byLine[7]);
        Assert.Contains("neither seconds", byLine[8]);
        Assert.Contains("not after the previous temperature sample (line 2", byLine[9]);
        Assert.Contains("rain is the total since the recording started and never decreases", byLine[11]);
        Assert.Contains("used seconds; use one style per file", byLine[12]);
        Assert.Equal(9, e.Errors.Count);
        Assert.Contains("line 3:", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("time,quantity,value\n# nothing else\n")]
    public void A_recording_without_readings_is_rejected(string csv)
    {
        var e = Assert.Throws<WeatherReplayFormatException>(() => WeatherReplay.Parse(csv));
        Assert.Contains("no readings", e.Message);
    }

    [Fact]
    public void The_sample_day_replays_exactly_and_faster_than_real_time()
    {
        Assert.True(File.Exists(WeatherReplay.SamplePath), $"the sample is copied to the output: {WeatherReplay.SamplePath}");

        var stopwatch = Stopwatch.StartNew();
        var replay = WeatherReplay.LoadSample();
        var board = new VirtualWeatherBoard(replay);
        var hw = board.Hardware;
        int reads = 0;
        while (!replay.IsFinished)
        {
            board.Step(60_000); // a simulated minute per step: the whole day
            _ = hw.Temperature.ReadCelsius() + hw.Humidity.ReadPercent() + hw.Pressure.ReadHectopascals()
                + hw.Light.ReadPercent() + hw.Wind.ReadKilometersPerHour() + hw.Rain.ReadMillimeters();
            reads++;
        }

        stopwatch.Stop();
        Assert.Equal(24 * 60, reads);
        Assert.True(stopwatch.ElapsedMilliseconds < 1000, $"a day of replay took {stopwatch.ElapsedMilliseconds} ms");

        // Every row of the file is what the replay gives at that time.
        var rows = File.ReadAllLines(WeatherReplay.SamplePath)
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("time,", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .ToList();
        Assert.Equal(145 * 6, rows.Count);
        DateTimeOffset first = DateTimeOffset.Parse(rows[0][0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        foreach (string[] row in rows)
        {
            double seconds = (DateTimeOffset.Parse(row[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) - first).TotalSeconds;
            var quantity = Enum.Parse<WeatherQuantity>(row[1], ignoreCase: true);
            Assert.Equal(double.Parse(row[2], CultureInfo.InvariantCulture), replay.ValueAt(quantity, seconds), 9);
        }

        // And it is a plausible day: dark at night, light at noon, rain only ever adds up.
        Assert.Equal(0, replay.ValueAt(WeatherQuantity.Light, 2 * 3600));
        Assert.True(replay.ValueAt(WeatherQuantity.Light, 13 * 3600) > 50);
        var rain = replay.Samples(WeatherQuantity.Rain).Select(s => s.Value).ToList();
        Assert.Equal(rain.Order(), rain);
        Assert.True(rain[^1] > 0);
    }
}
