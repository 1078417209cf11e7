using System;
using Iot.Device.DHTxx.Esp32;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// A DHT22 (AM2302), the cheap alternative to the BME280: temperature and humidity, no pressure. The
    /// nanoFramework binding reads with the ESP32's RMT peripheral on one pin and starts a reading from
    /// another; both go to the sensor's DATA wire (docs/boards.md). Its constructor waits a second.
    /// </summary>
    public sealed class Dht22Reader : IClimateReader
    {
        private readonly Dht22 _chip;

        public Dht22Reader(int readPin, int writePin)
        {
            _chip = new Dht22(readPin, writePin);
            Celsius = float.NaN;
            HumidityPercent = float.NaN;
        }

        public float Celsius { get; private set; }

        public float HumidityPercent { get; private set; }

        public float Hectopascals
        {
            get { return float.NaN; }
        }

        public bool Measure()
        {
            try
            {
                double t = _chip.Temperature.DegreesCelsius;
                double h = _chip.Humidity.Percent;
                if (!_chip.IsLastReadSuccessful) return false;
                Celsius = (float)t;
                HumidityPercent = (float)h;
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
