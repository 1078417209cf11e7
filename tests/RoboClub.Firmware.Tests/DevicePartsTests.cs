using System.Device.Gpio;
using RoboClub.Firmware.Device.Parts;
using RoboClub.Firmware.Profiles;
using RoboClub.Firmware.Tests.BindingFakes;

namespace RoboClub.Firmware.Tests;

/// <summary>
/// The ESP32 part adapters themselves (Device/Parts), run on .NET against fakes of the nanoFramework
/// bindings (BindingFakes/): motors off first, PWM pins given their function before a channel is asked
/// for (nanoFramework answers null otherwise), channels that must not share a frequency kept apart.
/// All in one class: the fakes log to one static list.
/// </summary>
public class DevicePartsTests
{
    public DevicePartsTests()
    {
        HardwareLog.Clear();
    }

    private static int IndexOf(string call)
    {
        int i = HardwareLog.Calls.IndexOf(call);
        Assert.True(i >= 0, $"'{call}' was not done; calls: {string.Join(" | ", HardwareLog.Calls)}");
        return i;
    }

    [Fact]
    public void Motor_pins_go_low_before_anything_else_and_the_driver_wakes_only_at_speed_zero()
    {
        var profile = BoardProfiles.Find(BoardProfiles.RobotTb6612)!;
        var gpio = new GpioController();
        MotorPinsOff.Now(profile, gpio);
        var motors = new Esp32Motors(profile, gpio);

        foreach (var pin in new[] { 33, 25, 14, 26, 27, 13, 4 })
        {
            Assert.True(IndexOf($"write {pin} low") < IndexOf($"pwm {25} 1000 Hz"), $"pin {pin} not low first");
        }
        Assert.True(IndexOf("motor 25 speed 0") < IndexOf("write 33 high"), "standby raised before the motors were at 0");
        Assert.True(IndexOf("motor 14 speed 0") < IndexOf("write 33 high"));
        Assert.True(IndexOf("function 25 PWM1") < IndexOf("pwm 25 1000 Hz"), "PWM function set after asking for the channel");
        Assert.Equal("PWM2", HardwareLog.PinFunctions[14]); // PWM1+PWM2: a pair, one frequency for both motors

        HardwareLog.Calls.Clear();
        motors.SetPower(60, -150);
        Assert.Equal(new[] { "motor 25 speed 0.6", "motor 14 speed -1" }, HardwareLog.Calls);
    }

    [Fact]
    public void An_l298n_has_no_standby_pin_to_raise()
    {
        var profile = BoardProfiles.Find(BoardProfiles.RobotL298n)!;
        var gpio = new GpioController();
        MotorPinsOff.Now(profile, gpio);
        new Esp32Motors(profile, gpio).SetPower(0, 0);
        Assert.DoesNotContain(HardwareLog.Calls, c => c.EndsWith(" high", StringComparison.Ordinal));
    }

    [Fact]
    public void A_weather_station_touches_no_motor_pin()
    {
        MotorPinsOff.Now(BoardProfiles.Find(BoardProfiles.WeatherDht22)!, new GpioController());
        Assert.Empty(HardwareLog.Calls);
    }

    [Fact]
    public void Servo_and_buzzer_have_channels_apart_from_the_motors()
    {
        var servo = new PwmServo(19);
        var buzzer = new PwmBuzzer(23);
        Assert.Equal("PWM3", HardwareLog.PinFunctions[19]); // 50 Hz, alone in the PWM3/PWM4 pair
        Assert.Equal("PWM5", HardwareLog.PinFunctions[23]); // any frequency, alone in PWM5/PWM6
        servo.SetAngle(400);
        Assert.Contains("servo 19 180", HardwareLog.Calls);
    }

    [Fact]
    public void A_tone_stops_by_itself_without_blocking()
    {
        var buzzer = new PwmBuzzer(23);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        buzzer.Tone(880, 1500);
        Assert.True(watch.ElapsedMilliseconds < 1000, "Tone blocked for its duration");
        Assert.DoesNotContain("pwm 23 stop", HardwareLog.Calls);
        Assert.Contains("pwm 23 start", HardwareLog.Calls);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!HardwareLog.Calls.Contains("pwm 23 stop") && DateTime.UtcNow < deadline) Thread.Sleep(10);
        Assert.Contains("pwm 23 stop", HardwareLog.Calls);
        buzzer.Tone(5, 0); // not a tone: silence
    }

    [Fact]
    public void Button_line_sensors_and_led_read_and_write_the_right_levels()
    {
        var gpio = new GpioController();
        var button = new GpioButton(gpio, 32);
        Assert.Contains("open 32 InputPullUp", HardwareLog.Calls);
        gpio.Open[32].Value = PinValue.High;
        Assert.False(button.Pressed);
        gpio.Open[32].Value = PinValue.Low;
        Assert.True(button.Pressed);

        var line = new DigitalLineSensors(gpio, 34, 35);
        gpio.Open[34].Value = PinValue.High; // dark line: nothing reflected
        Assert.True(line.LeftOnLine);
        Assert.False(line.RightOnLine);

        var led = new GpioLed(gpio, 22);
        led.SetColor(0, 10, 0);
        Assert.Equal(PinValue.High, gpio.Open[22].Value);
        led.SetColor(0, 0, 0);
        Assert.Equal(PinValue.Low, gpio.Open[22].Value);
    }

    [Fact]
    public void The_bme280_gets_its_pins_before_the_bus_opens_is_found_at_either_address_and_again_after_a_fault()
    {
        Iot.Device.Bmxx80.Bme280.ChipAddress = 0x77;
        Iot.Device.Bmxx80.Bme280.Broken = false;
        Iot.Device.Bmxx80.Bme280.Invalid = false;
        try
        {
            var reader = new Bme280Reader(21, 22);
            Assert.Equal("I2C1_DATA", HardwareLog.PinFunctions[21]);
            Assert.Equal("I2C1_CLOCK", HardwareLog.PinFunctions[22]);
            Assert.True(reader.Measure());
            Assert.Equal(22.25f, reader.Celsius);
            Assert.Equal(1009.5f, reader.Hectopascals);
            Assert.Equal(41f, reader.HumidityPercent);
            Assert.True(IndexOf("i2c bus 1 address 0x76 (SDA 21)") < IndexOf("i2c bus 1 address 0x77 (SDA 21)")); // cheap modules first
            Assert.Contains("i2c 0x76 closed", HardwareLog.Calls);

            Iot.Device.Bmxx80.Bme280.Broken = true; // a wire comes loose
            Assert.False(reader.Measure());
            Assert.False(reader.Measure());
            Iot.Device.Bmxx80.Bme280.Broken = false; // fixed: found again, no restart
            HardwareLog.Calls.Clear();
            Assert.True(reader.Measure());
            Assert.Contains(HardwareLog.Calls, c => c.StartsWith("i2c bus 1 address 0x77", StringComparison.Ordinal));

            Iot.Device.Bmxx80.Bme280.Invalid = true;
            Assert.False(reader.Measure());
        }
        finally
        {
            Iot.Device.Bmxx80.Bme280.ChipAddress = 0x76;
            Iot.Device.Bmxx80.Bme280.Broken = false;
            Iot.Device.Bmxx80.Bme280.Invalid = false;
        }
    }
}
