using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Parts
{
    /// <summary>
    /// Temperature, humidity and pressure from one chip. A measurement serves all three for
    /// <see cref="MinIntervalMs"/> (a DHT22 must not be read more often than every 2 s; a program reading
    /// temperature then humidity gets one consistent pair). A chip that does not answer, or answers
    /// values outside what it can measure, is a <see cref="PartFailedException"/> naming its pins.
    /// </summary>
    public sealed class ClimateSensor : ITemperatureSensor, IHumiditySensor, IPressureSensor
    {
        private readonly IClimateReader _reader;
        private readonly IClock _clock;
        private readonly int[] _pins;
        private readonly int _minIntervalMs;
        private long _readAtMs = long.MinValue;
        private bool _ok;

        public ClimateSensor(IClimateReader reader, IClock clock, int[] pins, int minIntervalMs)
        {
            _reader = reader;
            _clock = clock;
            _pins = pins;
            _minIntervalMs = minIntervalMs;
        }

        /// <summary>How long one measurement is reused (BME280: 1 s; DHT22: 2 s).</summary>
        public int MinIntervalMs
        {
            get { return _minIntervalMs; }
        }

        public float ReadCelsius()
        {
            Measure("the temperature sensor", "senzorul de temperatură");
            return _reader.Celsius;
        }

        public float ReadPercent()
        {
            Measure("the humidity sensor", "senzorul de umiditate");
            return _reader.HumidityPercent;
        }

        public float ReadHectopascals()
        {
            Measure("the pressure sensor", "senzorul de presiune");
            float p = _reader.Hectopascals;
            if (float.IsNaN(p)) throw PartFailedException.NotAnswering("the pressure sensor", "senzorul de presiune", _pins);
            return p;
        }

        private void Measure(string partEnglish, string partRomanian)
        {
            long now = _clock.Milliseconds;
            if (_readAtMs == long.MinValue || now - _readAtMs >= _minIntervalMs)
            {
                _readAtMs = now;
                _ok = _reader.Measure() && Plausible();
            }

            if (!_ok) throw PartFailedException.NotAnswering(partEnglish, partRomanian, _pins);
        }

        /// <summary>What the chips can measure (BME280: -40..85 °C, 300..1100 hPa; DHT22: -40..80 °C).
        /// Outside it, a reading is a wiring or power fault, not weather.</summary>
        private bool Plausible()
        {
            float t = _reader.Celsius;
            float h = _reader.HumidityPercent;
            float p = _reader.Hectopascals;
            if (float.IsNaN(t) || t < -40 || t > 85) return false;
            if (float.IsNaN(h) || h < 0 || h > 100) return false;
            return float.IsNaN(p) || (p >= 300 && p <= 1100);
        }
    }
}
