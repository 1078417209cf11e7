using System.Text.Json;
using RoboClub.Board.Hardware;
using RoboClub.Board.Image;
using RoboClub.Board.Link;
using RoboClub.Board.Tests.Link;

namespace RoboClub.Board.Tests.Runtime;

/// <summary>Automatic readings: the hub's config "telemetryPeriod" makes a board record its sensors by itself.</summary>
public class SensorLoggerTests
{
    sealed class Thermometer : ITemperatureSensor { public float Celsius = 21.5f; public float ReadCelsius() => Celsius; }
    sealed class BrokenHygrometer : IHumiditySensor { public float ReadPercent() => throw new InvalidOperationException("no answer"); }
    sealed class Barometer : IPressureSensor { public float ReadHectopascals() => 1013.2f; }

    sealed class Station
    {
        public readonly FakeClock Clock = new();
        public readonly FakeTransport Transport = new();
        public readonly Thermometer Thermometer = new();
        public readonly BoardRuntime Runtime;

        public Station()
        {
            Runtime = new BoardRuntime(new BoardHardware { Clock = Clock, Temperature = Thermometer, Humidity = new BrokenHygrometer(), Pressure = new Barometer() }, null!, 1);
            var info = new InfoPayload("test", ImageFormat.Version, BoardKind.Weather, "test-station", Runtime.Primitives.Names, 0);
            var link = new HubLink(Transport, Runtime, Clock, new HubLinkOptions("club1", "meteo-1", info));
            Transport.Handler = link;
            Runtime.AttachLink(link);
            Transport.Up();
            Run(50);
        }

        public void Run(long untilMs)
        {
            while (Clock.Now < untilMs)
            {
                Runtime.Tick(Clock.Now);
                Clock.Now += 10;
            }
        }

        public void Config(string json) => Transport.Deliver("roboclub/club1/meteo-1/config", json);

        /// <summary>(board time, value) of every sample of a series published so far.</summary>
        public List<(long T, double V)> Samples(string series) => Transport.On("telemetry")
            .SelectMany(p => JsonDocument.Parse(p.Payload).RootElement.GetProperty("samples").EnumerateArray())
            .Where(s => s.GetProperty("s").GetString() == series)
            .Select(s => (s.GetProperty("t").GetInt64(), s.GetProperty("v").GetDouble()))
            .ToList();
    }

    [Fact]
    public void Without_a_period_a_board_records_nothing_by_itself()
    {
        var station = new Station();
        station.Config("{}");
        station.Run(10_000);
        Assert.Empty(station.Samples("temperature"));
        Assert.Equal(0, station.Runtime.Logger.PeriodMs);
    }

    [Fact]
    public void With_a_period_every_sensor_is_recorded_in_step_and_a_broken_one_is_skipped_without_stopping_the_board()
    {
        var station = new Station();
        station.Run(1000);
        station.Config("""{"telemetryPeriod":1000}""");
        station.Run(8500); // batches go out once a second: by 8500 the readings up to 7000 are sent, 8000 waits
        var temperature = station.Samples("temperature");
        Assert.Equal([1000, 2000, 3000, 4000, 5000, 6000, 7000], temperature.Select(s => s.T));
        Assert.All(temperature, s => Assert.Equal(21.5, s.V, 3));
        Assert.Equal(7, station.Samples("pressure").Count);
        Assert.Empty(station.Samples("humidity"));
        Assert.Equal(8, station.Runtime.Logger.FailedReadings); // every reading, 1000..8000
        Assert.Equal(0, station.Runtime.InternalErrors);

        // The hub clears the setting: the board stops recording.
        station.Config("{}");
        station.Run(20_000);
        Assert.Equal(8, station.Samples("temperature").Count);
    }

    [Theory]
    [InlineData("""{"telemetryPeriod":10}""", SensorLogger.MinPeriodMs)]
    [InlineData("""{"telemetryPeriod":99999999}""", SensorLogger.MaxPeriodMs)]
    [InlineData("""{"telemetryPeriod":2500}""", 2500)]
    [InlineData("""{"telemetryPeriod":-5}""", 0)]
    [InlineData("""{"telemetryPeriod":1.5}""", 0)]
    [InlineData("""{"telemetryPeriod":"1000"}""", 0)]
    [InlineData("""{"name":"meteo"}""", 0)]
    public void The_period_is_kept_within_what_the_sensors_can_do(string config, int expected)
    {
        var station = new Station();
        station.Config(config);
        station.Run(100);
        Assert.Equal(expected, station.Runtime.Logger.PeriodMs);
    }
}
