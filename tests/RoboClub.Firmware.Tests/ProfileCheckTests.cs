using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Tests;

/// <summary>The kits' wiring is possible; impossible wiring is refused with a message in both languages.</summary>
public class ProfileCheckTests
{
    public static TheoryData<string> Kits => new() { BoardProfiles.RobotTb6612, BoardProfiles.RobotL298n, BoardProfiles.WeatherBme280, BoardProfiles.WeatherDht22 };

    [Theory]
    [MemberData(nameof(Kits))]
    public void Every_kit_passes_the_check(string name)
    {
        var profile = BoardProfiles.Find(name)!;
        Assert.Empty(ProfileCheck.Problems(profile));
        Assert.Equal(name, profile.Name);
    }

    [Fact]
    public void Kits_have_the_parts_the_issue_lists()
    {
        var robot = BoardProfiles.Find(BoardProfiles.RobotTb6612)!;
        foreach (var role in new[] { PinRoles.MotorLeftPwm, PinRoles.MotorRightPwm, PinRoles.UltrasonicTrigger, PinRoles.UltrasonicEcho, PinRoles.LineLeft, PinRoles.LineRight, PinRoles.Servo, PinRoles.Buzzer, PinRoles.Led, PinRoles.Button, PinRoles.MotorStandby })
        {
            Assert.True(robot.Has(role), role);
        }
        Assert.False(BoardProfiles.Find(BoardProfiles.RobotL298n)!.Has(PinRoles.MotorStandby)); // the L298N has none

        var weather = BoardProfiles.Find(BoardProfiles.WeatherBme280)!;
        Assert.Equal(21, weather.Pin(PinRoles.I2cData));
        Assert.Equal(22, weather.Pin(PinRoles.I2cClock));
        Assert.True(Esp32Pins.Adc1Channel(weather.Pin(PinRoles.Light)) >= 0);
        Assert.True(weather.Has(PinRoles.Rain) && weather.Has(PinRoles.Wind) && weather.Has(PinRoles.Led));
        Assert.Equal("dht22", BoardProfiles.Find(BoardProfiles.WeatherDht22)!.ClimateSensor);
        Assert.Null(BoardProfiles.Find("weather-bmp180"));
    }

    [Fact]
    public void Find_returns_a_copy_so_overrides_never_change_the_kit()
    {
        var a = BoardProfiles.Find(BoardProfiles.WeatherBme280)!;
        a.Find(PinRoles.Led)!.Pin = 25;
        Assert.Equal(23, BoardProfiles.Find(BoardProfiles.WeatherBme280)!.Pin(PinRoles.Led));
    }

    private static string[] With(string kit, string role, int pin)
    {
        var p = BoardProfiles.Find(kit)!;
        p.Find(role)!.Pin = pin;
        return ProfileCheck.Problems(p);
    }

    [Theory]
    [InlineData(PinRoles.Light, 4, "pin 4 is on ADC2, which does not work while Wi-Fi is on", "pinul 4 este pe ADC2")]
    [InlineData(PinRoles.Light, 5, "pin 5 cannot measure a voltage", "nu poate măsura o tensiune")]
    [InlineData(PinRoles.Led, 39, "pin 39 can only read, but led", "poate doar să citească")]
    [InlineData(PinRoles.I2cData, 35, "pin 35 can only read, but i2cData", "trebuie să trimită un semnal")]
    [InlineData(PinRoles.Rain, 19, "pin 19 is used twice: rain and wind", "pinul 19 este folosit de două ori: rain și wind")]
    [InlineData(PinRoles.Led, 7, "wired to the flash memory", "memoria flash")]
    [InlineData(PinRoles.Led, 1, "USB serial port", "portul serial USB")]
    [InlineData(PinRoles.I2cClock, -1, "\"i2cClock\" (BME280 SCL) needs a pin", "are nevoie de un pin")]
    public void Impossible_weather_wiring_is_refused(string role, int pin, string english, string romanian)
    {
        var problem = Assert.Single(With(BoardProfiles.WeatherBme280, role, pin));
        Assert.Contains(english, problem);
        Assert.Contains(romanian, problem);
    }

    [Fact]
    public void A_button_needs_a_pin_with_a_pull_up_and_a_pwm_motor_pin_cannot_be_input_only()
    {
        Assert.Contains("no pull-up", Assert.Single(With(BoardProfiles.RobotTb6612, PinRoles.Button, 39)));
        Assert.Contains("must send a signal", Assert.Single(With(BoardProfiles.RobotTb6612, PinRoles.MotorLeftPwm, 34 + 3)));
        // Optional wires may be left unconnected.
        Assert.Empty(With(BoardProfiles.RobotTb6612, PinRoles.Servo, PinAssignment.None));
    }
}
