using System.Device.Pwm;
using Iot.Device.ServoMotor;
using nanoFramework.Hardware.Esp32;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>A hobby servo (SG90) on PWM3 at 50 Hz, 0-180 degrees for 1000-2000 µs pulses.</summary>
    public sealed class PwmServo : IServo
    {
        private readonly ServoMotor _servo;

        public PwmServo(int pin)
        {
            Configuration.SetPinFunction(pin, DeviceFunction.PWM3);
            PwmChannel channel = PwmChannel.CreateFromPin(pin, 50, 0.0);
            _servo = new ServoMotor(channel, 180, 1000, 2000);
            _servo.Start();
        }

        public void SetAngle(int degrees)
        {
            if (degrees < 0) degrees = 0;
            if (degrees > 180) degrees = 180;
            _servo.WriteAngle(degrees);
        }
    }
}
