using System.Device.Gpio;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// A reed switch (rain gauge bucket, anemometer cups) on the ESP32's hardware pulse counter: pulses
    /// are counted even while the program is busy. The counter's own glitch filter is only microseconds
    /// long (its maximum, 1023 APB cycles), far shorter than a reed switch's millisecond bounce: the kit
    /// puts a 100 nF capacitor across each switch (with the 10 kΩ pull-up, about 1 ms), docs/boards.md.
    /// </summary>
    public sealed class PulseCounterSource : IPulseSource
    {
        private readonly GpioPulseCounter _counter;

        public PulseCounterSource(int pin)
        {
            _counter = new GpioPulseCounter(pin);
            _counter.Polarity = GpioPulsePolarity.Falling;
            _counter.FilterPulses = 1023;
            _counter.Start();
        }

        public long Count
        {
            get { return _counter.Read().Count; }
        }
    }
}
