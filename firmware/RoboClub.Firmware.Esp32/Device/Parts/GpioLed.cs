using System.Device.Gpio;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>A single-colour LED (with its resistor) on a digital pin: any colour but black lights it.</summary>
    public sealed class GpioLed : ILed
    {
        private readonly GpioPin _pin;

        public GpioLed(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        public void SetColor(int red, int green, int blue)
        {
            _pin.Write(red > 0 || green > 0 || blue > 0 ? PinValue.High : PinValue.Low);
        }

        /// <summary>For the status light.</summary>
        public void Set(bool on)
        {
            _pin.Write(on ? PinValue.High : PinValue.Low);
        }
    }
}
