using System.Device.Gpio;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>A push button between the pin and GND, with the ESP32's own pull-up: pressed reads low.</summary>
    public sealed class GpioButton : IButton
    {
        private readonly GpioPin _pin;

        public GpioButton(GpioController gpio, int pin)
        {
            _pin = gpio.OpenPin(pin, PinMode.InputPullUp);
        }

        public bool Pressed
        {
            get { return _pin.Read() == PinValue.Low; }
        }
    }
}
