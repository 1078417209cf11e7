using System.Device.Gpio;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// A reed switch (rain gauge bucket, anemometer cups) on the ESP32's hardware pulse counter: pulses
    /// are counted even while the program is busy. A glitch filter ignores contact bounce.
    /// </summary>
    public sealed class PulseCounterSource : IPulseSource
    {
        private readonly GpioPulseCounter _counter;

        public PulseCounterSource(int pin)
        {
            _counter = new GpioPulseCounter(pin);
            _counter.Polarity = GpioPulsePolarity.Falling;
            _counter.FilterPulses = 1000;
            _counter.Start();
        }

        public long Count
        {
            get { return _counter.Read().Count; }
        }
    }
}
