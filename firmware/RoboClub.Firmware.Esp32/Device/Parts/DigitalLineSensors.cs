using System.Device.Gpio;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>Two TCRT5000-style line modules: their digital output is high over a dark line (no light
    /// reflected), low over the white floor. Pins 34/35 by default: inputs only, and the modules drive them.</summary>
    public sealed class DigitalLineSensors : ILineSensors
    {
        private readonly GpioPin _left;
        private readonly GpioPin _right;

        public DigitalLineSensors(GpioController gpio, int leftPin, int rightPin)
        {
            _left = gpio.OpenPin(leftPin, PinMode.Input);
            _right = gpio.OpenPin(rightPin, PinMode.Input);
        }

        public bool LeftOnLine
        {
            get { return _left.Read() == PinValue.High; }
        }

        public bool RightOnLine
        {
            get { return _right.Read() == PinValue.High; }
        }
    }
}
