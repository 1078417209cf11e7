using RoboClub.VirtualBoard.Simulation;
using Xunit.Abstractions;

namespace RoboClub.VirtualBoard.Tests.Simulation;

public sealed class WeatherModelTests(ITestOutputHelper output)
{
    private sealed record Sample(double Hour, float Temperature, float Humidity, float Pressure, float Light, float Wind, float Rain);

    /// <summary>Reads every sensor once a simulated minute, the way a station program would.</summary>
    private static List<Sample> Record(VirtualWeatherBoard board, double hours, TimeOnly start)
    {
        var hw = board.Hardware;
        var samples = new List<Sample>();
        for (int minute = 0; minute < hours * 60; minute++)
        {
            board.Step(60_000);
            double hour = (start.ToTimeSpan().TotalHours + (minute + 1) / 60.0) % 24;
            samples.Add(new Sample(hour, hw.Temperature.ReadCelsius(), hw.Humidity.ReadPercent(), hw.Pressure.ReadHectopascals(),
                hw.Light.ReadPercent(), hw.Wind.ReadKilometersPerHour(), hw.Rain.ReadMillimeters()));
        }

        return samples;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Over_a_day_it_is_warmest_in_the_afternoon_coldest_near_dawn_and_dark_at_night(int seed)
    {
        var config = new WeatherConfig { StartTimeOfDay = new TimeOnly(0, 0) }; // sunrise 06:30, sunset 19:30
        List<Sample> day = Record(VirtualWeatherBoard.CreateModel(config, seed), 24, config.StartTimeOfDay);

        Sample warmest = day.MaxBy(s => s.Temperature)!;
        Sample coldest = day.MinBy(s => s.Temperature)!;
        output.WriteLine($"seed {seed}: warmest {warmest.Temperature} °C at {warmest.Hour:F2} h, coldest {coldest.Temperature} °C at {coldest.Hour:F2} h, rain {day[^1].Rain} mm");
        Assert.InRange(warmest.Hour, 12, 18);
        Assert.InRange(coldest.Hour, 4, 8); // sunrise 06:30
        Assert.InRange(warmest.Temperature - coldest.Temperature, 8, 16); // amplitude 6: a 12 °C day, give or take

        Assert.All(day.Where(s => s.Hour < 5.9 || s.Hour > 20.1), s => Assert.Equal(0f, s.Light));
        Assert.True(day.Where(s => s.Hour is > 11 and < 15).Average(s => s.Light) > 40);
        Sample dawn = day.First(s => s.Light > 0);
        Assert.InRange(dawn.Hour, 6.0, 6.6); // the half-hour twilight before sunrise


        Assert.All(day, s => Assert.InRange(s.Pressure, 980, 1050));
        Assert.All(day, s => Assert.InRange(s.Humidity, 0, 100));
        Assert.All(day, s => Assert.True(s.Wind >= 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void On_a_dry_day_humidity_goes_the_other_way_to_temperature(int seed)
    {
        // (A shower makes the air humid whatever the hour, so this is about the day's rhythm alone.)
        var config = new WeatherConfig { StartTimeOfDay = new TimeOnly(0, 0), ShowersPerDay = 0, Fronts = false };
        List<Sample> day = Record(VirtualWeatherBoard.CreateModel(config, seed), 24, config.StartTimeOfDay);

        double dawnHumidity = day.Where(s => s.Hour is > 4 and < 7).Average(s => s.Humidity);
        double afternoonHumidity = day.Where(s => s.Hour is > 13 and < 16).Average(s => s.Humidity);
        Assert.True(dawnHumidity > afternoonHumidity + 20, $"dawn {dawnHumidity:F0} %, afternoon {afternoonHumidity:F0} %");
        Assert.Equal(0f, day[^1].Rain);
    }

    [Fact]
    public void A_shower_wets_the_air_and_the_gauge()
    {
        var station = new SimulatedWeatherStation(new WeatherConfig { ShowersPerDay = 24 }, seed: 5);
        WeatherState? during = null;
        for (int minute = 0; minute < 48 * 60 && during is null; minute++)
        {
            station.Step(60_000);
            WeatherState s = station.Snapshot();
            if (s.Raining == true && s.RainMillimeters > 0.5)
            {
                during = s;
            }
        }

        Assert.NotNull(during);
        Assert.True(during.HumidityPercent > 80, $"humidity {during.HumidityPercent} % in the rain");
    }

    [Fact]
    public void Rain_accumulates_monotonically_in_bucket_tips()
    {
        var config = new WeatherConfig { ShowersPerDay = 6 };
        List<Sample> days = Record(VirtualWeatherBoard.CreateModel(config, seed: 9), 48, config.StartTimeOfDay);

        for (int i = 1; i < days.Count; i++)
        {
            Assert.True(days[i].Rain >= days[i - 1].Rain, $"rain fell back at sample {i}");
        }

        float total = days[^1].Rain;
        Assert.True(total > 1, $"two rainy days left only {total} mm");
        double tips = total / 0.2794;
        Assert.Equal(Math.Round(tips), tips, 0.05); // a whole number of bucket tips (to the 0.01 mm of the reading)
    }

    [Fact]
    public void Gusts_make_the_wind_vary()
    {
        List<Sample> hour = Record(VirtualWeatherBoard.CreateModel(seed: 4), 2, new TimeOnly(8, 0));
        Assert.True(hour.Max(s => s.Wind) - hour.Min(s => s.Wind) > 5);
    }

    [Fact]
    public void The_same_seed_gives_the_same_series_and_another_seed_another()
    {
        static List<Sample> Day(long seed) => Record(VirtualWeatherBoard.CreateModel(seed: seed), 24, new TimeOnly(8, 0));

        Assert.Equal(Day(21), Day(21));
        Assert.NotEqual(Day(21), Day(22));
    }

    [Fact]
    public void The_weather_depends_on_the_time_not_on_how_the_clock_was_stepped()
    {
        var once = new SimulatedWeatherStation(seed: 3);
        var often = new SimulatedWeatherStation(seed: 3);

        once.Step(3 * 3_600_000);
        for (int i = 0; i < 3 * 3600; i++)
        {
            often.Step(1000);
        }

        Assert.Equal(once.Snapshot(), often.Snapshot());
    }

    [Fact]
    public void The_day_starts_at_the_configured_clock_time()
    {
        var station = new SimulatedWeatherStation(new WeatherConfig { StartTimeOfDay = new TimeOnly(22, 30) });
        Assert.Equal(new TimeOnly(22, 30), station.Snapshot().TimeOfDay);
        Assert.Equal(0, station.Snapshot().Day);

        station.Step(2 * 3_600_000);
        WeatherState state = station.Snapshot();
        Assert.Equal(new TimeOnly(0, 30), state.TimeOfDay);
        Assert.Equal(1, state.Day);
        Assert.Equal(0, state.LightPercent);
        Assert.Equal("model", state.Source);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimulatedWeatherStation(new WeatherConfig { SunsetHour = 5 }));
        Assert.Contains("SunsetHour", e.Message);
    }
}
