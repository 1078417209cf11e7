// Test doubles with the shapes of nanoFramework's System.Device.Gpio (listing: System.Device.Gpio.api.txt),
// so the ESP32 part adapters compile and run on .NET. Only what the adapters use.
using RoboClub.Firmware.Tests.BindingFakes;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input = 0,
        Output = 1,
        InputPullDown = 2,
        InputPullUp = 3,
    }

    public readonly struct PinValue : IEquatable<PinValue>
    {
        private readonly byte _value;
        private PinValue(byte value) { _value = value; }
        public static PinValue Low => new(0);
        public static PinValue High => new(1);
        public static implicit operator PinValue(int value) => value == 0 ? Low : High;
        public static implicit operator PinValue(bool value) => value ? High : Low;
        public static bool operator ==(PinValue a, PinValue b) => a._value == b._value;
        public static bool operator !=(PinValue a, PinValue b) => a._value != b._value;
        public bool Equals(PinValue other) => _value == other._value;
        public override bool Equals(object? obj) => obj is PinValue p && Equals(p);
        public override int GetHashCode() => _value;
        public override string ToString() => _value == 0 ? "low" : "high";
    }

    public sealed class GpioPin
    {
        internal GpioPin(int pin) { PinNumber = pin; }
        public int PinNumber { get; }
        public PinValue Value = PinValue.Low;
        public void Write(PinValue value) { Value = value; HardwareLog.Add($"write {PinNumber} {value}"); }
        public PinValue Read() => Value;
    }

    public class GpioController : IDisposable
    {
        public readonly Dictionary<int, GpioPin> Open = new();

        public GpioPin OpenPin(int pinNumber, PinMode mode)
        {
            if (Open.ContainsKey(pinNumber)) throw new InvalidOperationException($"pin {pinNumber} already open");
            HardwareLog.Add($"open {pinNumber} {mode}");
            return Open[pinNumber] = new GpioPin(pinNumber);
        }

        public void ClosePin(int pinNumber)
        {
            Open.Remove(pinNumber);
            HardwareLog.Add($"close {pinNumber}");
        }

        public void Write(int pinNumber, PinValue value) => Open[pinNumber].Write(value);
        public void Dispose() { }
    }
}

namespace System.Device.Pwm
{
    public sealed class PwmChannel : IDisposable
    {
        private PwmChannel(int pin, int frequency, double duty) { Pin = pin; Frequency = frequency; DutyCycle = duty; }
        public int Pin { get; }
        public int Frequency { get; set; }
        public double DutyCycle { get; set; }
        public bool Running;

        public static PwmChannel? CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5)
        {
            HardwareLog.Add($"pwm {pin} {frequency} Hz");
            // nanoFramework on an ESP32 returns null for a pin without a PWM function assigned.
            return HardwareLog.PinFunctions.TryGetValue(pin, out var f) && f.StartsWith("PWM", StringComparison.Ordinal)
                ? new PwmChannel(pin, frequency, dutyCyclePercentage)
                : null;
        }

        public void Start() { Running = true; HardwareLog.Add($"pwm {Pin} start"); }
        public void Stop() { Running = false; HardwareLog.Add($"pwm {Pin} stop"); }
        public void Dispose() { }
    }
}

namespace nanoFramework.Hardware.Esp32
{
    public enum DeviceFunction
    {
        I2C1_DATA = 131328,
        I2C1_CLOCK = 131329,
        PWM1 = 262400,
        PWM2 = 262656,
        PWM3 = 262912,
        PWM4 = 263168,
        PWM5 = 263424,
    }

    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value)
        {
            HardwareLog.PinFunctions[pin] = value.ToString();
            HardwareLog.Add($"function {pin} {value}");
        }
    }
}

namespace Iot.Device.DCMotor
{
    using System.Device.Gpio;
    using System.Device.Pwm;

    /// <summary>The three-pin DCMotor: speed on PWM, direction on two pins (what the adapter uses).</summary>
    public abstract class DCMotor : IDisposable
    {
        public abstract double Speed { get; set; }

        public static DCMotor Create(PwmChannel speedControlChannel, int directionPin, int otherDirectionPin, GpioController? controller = null, bool shouldDispose = true)
        {
            ArgumentNullException.ThrowIfNull(speedControlChannel); // what the real binding does with a null channel
            return new ThreePin(speedControlChannel, controller!.OpenPin(directionPin, PinMode.Output), controller.OpenPin(otherDirectionPin, PinMode.Output));
        }

        public virtual void Dispose() { }

        private sealed class ThreePin : DCMotor
        {
            private readonly PwmChannel _pwm;
            private readonly GpioPin _a;
            private readonly GpioPin _b;
            private double _speed;

            public ThreePin(PwmChannel pwm, GpioPin a, GpioPin b) { _pwm = pwm; _a = a; _b = b; }

            public override double Speed
            {
                get => _speed;
                set
                {
                    _speed = value;
                    _a.Value = value > 0 ? PinValue.High : PinValue.Low;
                    _b.Value = value < 0 ? PinValue.High : PinValue.Low;
                    _pwm.DutyCycle = Math.Abs(value);
                    HardwareLog.Add($"motor {_pwm.Pin} speed {value}");
                }
            }
        }
    }
}

namespace Iot.Device.ServoMotor
{
    using System.Device.Pwm;

    public sealed class ServoMotor : IDisposable
    {
        private readonly PwmChannel _channel;
        public ServoMotor(PwmChannel pwmChannel, double maximumAngle = 180, double minimumPulseWidthMicroseconds = 1000, double maximumPulseWidthMicroseconds = 2000)
        {
            _channel = pwmChannel ?? throw new ArgumentNullException(nameof(pwmChannel));
        }

        public void Start() => _channel.Start();
        public void WriteAngle(double angle) => HardwareLog.Add($"servo {_channel.Pin} {angle}");
        public void Dispose() { }
    }
}
