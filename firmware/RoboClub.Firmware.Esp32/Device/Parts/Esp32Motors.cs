using System.Device.Gpio;
using System.Device.Pwm;
using Iot.Device.DCMotor;
using nanoFramework.Hardware.Esp32;
using RoboClub.Board.Hardware;
using RoboClub.Firmware.Parts;
using RoboClub.Firmware.Profiles;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// Two DC motors through a TB6612FNG or an L298N: per motor one PWM pin (speed) and two direction
    /// pins, which is how both chips are driven (the DCMotor binding's three-pin mode). The two speed
    /// channels are PWM1 and PWM2, a pair that shares one frequency (1 kHz: quiet enough, and both
    /// drivers switch it easily). The TB6612's standby pin is raised only after both speeds are 0.
    /// </summary>
    public sealed class Esp32Motors : IMotors
    {
        public const int PwmFrequency = 1000;

        private readonly DCMotor _left;
        private readonly DCMotor _right;

        public Esp32Motors(BoardProfile profile, GpioController gpio)
        {
            _left = Motor(profile, gpio, PinRoles.MotorLeftPwm, PinRoles.MotorLeftIn1, PinRoles.MotorLeftIn2, DeviceFunction.PWM1);
            _right = Motor(profile, gpio, PinRoles.MotorRightPwm, PinRoles.MotorRightIn1, PinRoles.MotorRightIn2, DeviceFunction.PWM2);
            SetPower(0, 0);
            int standby = profile.Pin(PinRoles.MotorStandby);
            if (standby != PinAssignment.None)
            {
                GpioPin pin = gpio.OpenPin(standby, PinMode.Output);
                pin.Write(PinValue.High);
            }
        }

        public void SetPower(int leftPercent, int rightPercent)
        {
            _left.Speed = MotorPower.ToSpeed(leftPercent, false);
            _right.Speed = MotorPower.ToSpeed(rightPercent, false);
        }

        private static DCMotor Motor(BoardProfile profile, GpioController gpio, string speedRole, string in1Role, string in2Role, DeviceFunction pwm)
        {
            int speedPin = profile.Pin(speedRole);
            Configuration.SetPinFunction(speedPin, pwm);
            PwmChannel channel = PwmChannel.CreateFromPin(speedPin, PwmFrequency, 0.0);
            return DCMotor.Create(channel, profile.Pin(in1Role), profile.Pin(in2Role), gpio, false);
        }
    }
}
