using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Tests;

/// <summary>The portable halves of the hardware adapters, against fakes of the sensors.</summary>
public class PartsTests
{
    private readonly FakeClock _clock = new() { Now = 10_000 };

    [Fact]
    public void One_measurement_serves_temperature_humidity_and_pressure()
    {
        var chip = new FakeClimate();
        var sensor = new ClimateSensor(chip, _clock, new[] { 21, 22 }, 1000);
        Assert.Equal(21.5f, sensor.ReadCelsius());
        Assert.Equal(48f, sensor.ReadPercent());
        Assert.Equal(1013.2f, sensor.ReadHectopascals());
        Assert.Equal(1, chip.Measures);
        _clock.Now += 1000;
        sensor.ReadCelsius();
        Assert.Equal(2, chip.Measures);
    }

    [Fact]
    public void A_silent_sensor_is_a_clear_error_naming_its_pins()
    {
        var chip = new FakeClimate { Answers = false };
        var sensor = new ClimateSensor(chip, _clock, new[] { 21, 22 }, 1000);
        var e = Assert.Throws<PartFailedException>(() => sensor.ReadCelsius());
        Assert.Equal("the temperature sensor not answering: check the wires on pins 21, 22 / senzorul de temperatură nu răspunde: verifică firele de la pinii 21, 22", e.Message);
        Assert.True(e.Message.Length + "'weather.temperature' failed: ".Length <= 200, "fits the error payload");

        // Fixed wire: the next measurement works again.
        chip.Answers = true;
        _clock.Now += 1000;
        Assert.Equal(21.5f, sensor.ReadCelsius());
    }

    [Theory]
    [InlineData(-45f, 50f, 1000f)]
    [InlineData(20f, 120f, 1000f)]
    [InlineData(20f, 50f, 200f)]
    [InlineData(float.NaN, 50f, 1000f)]
    public void Impossible_values_are_a_wiring_fault_not_weather(float t, float h, float p)
    {
        var chip = new FakeClimate { Celsius = t, HumidityPercent = h, Hectopascals = p };
        Assert.Throws<PartFailedException>(() => new ClimateSensor(chip, _clock, new[] { 4, 15 }, 2000).ReadPercent());
    }

    [Fact]
    public void A_dht22_has_no_pressure()
    {
        var chip = new FakeClimate { Hectopascals = float.NaN };
        var sensor = new ClimateSensor(chip, _clock, new[] { 4, -1 }, 2000);
        Assert.Equal(21.5f, sensor.ReadCelsius());
        Assert.Contains("check the wires on pin 4 /", Assert.Throws<PartFailedException>(() => sensor.ReadHectopascals()).Message);
    }

    [Fact]
    public void Wind_speed_from_pulses_per_second()
    {
        var pulses = new FakePulses { Count = 100 };
        var wind = new PulseWindSensor(pulses, _clock, PulseWindSensor.DefaultKmhPerHertz);
        pulses.Count = 110;
        _clock.Now += 1000;
        Assert.Equal(0f, wind.ReadKilometersPerHour()); // under 3 s: the last value
        _clock.Now += 4000; // 10 pulses in 5 s = 2 Hz
        Assert.Equal(4.8f, wind.ReadKilometersPerHour(), 3);
        _clock.Now += 3000;
        Assert.Equal(0f, wind.ReadKilometersPerHour());
        pulses.Count = 0; // counter reset
        _clock.Now += 3000;
        Assert.Equal(0f, wind.ReadKilometersPerHour());
    }

    [Fact]
    public void Rain_since_start_from_bucket_tips()
    {
        var pulses = new FakePulses { Count = 7 };
        var rain = new PulseRainGauge(pulses, PulseRainGauge.DefaultMillimetersPerTip);
        Assert.Equal(0f, rain.ReadMillimeters());
        pulses.Count = 17;
        Assert.Equal(2.794f, rain.ReadMillimeters(), 3);
    }

    private sealed class FakeAdc : IAnalogInput
    {
        public double Ratio;
        public double ReadRatio() => Ratio;
    }

    [Fact]
    public void Light_is_a_percentage_and_darkness_is_not_an_error()
    {
        var adc = new FakeAdc { Ratio = 0.25 };
        Assert.Equal(25f, new AnalogLightSensor(adc, false).ReadPercent(), 3);
        Assert.Equal(75f, new AnalogLightSensor(adc, true).ReadPercent(), 3);
        adc.Ratio = 0;
        var light = new AnalogLightSensor(adc, false);
        for (int i = 0; i < 100; i++) Assert.Equal(0f, light.ReadPercent());
        adc.Ratio = 1.2;
        Assert.Equal(100f, light.ReadPercent());
    }

    [Theory]
    [InlineData(100, false, 1.0)]
    [InlineData(-50, false, -0.5)]
    [InlineData(250, false, 1.0)]
    [InlineData(-250, false, -1.0)]
    [InlineData(40, true, -0.4)]
    public void Motor_power_becomes_a_clamped_speed(int percent, bool reversed, double speed)
    {
        Assert.Equal(speed, MotorPower.ToSpeed(percent, reversed), 6);
    }
}
