using System;
using System.Device.I2c;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;
using nanoFramework.Hardware.Esp32;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>
    /// A BME280 on I2C bus 1. The pins come from the profile (SetPinFunction before the bus opens: the
    /// ESP32's default I2C1 pins are 18/19, not the DevKit's 21/22). The chip is found lazily and found
    /// again after a failure, so a sensor plugged in late, or a loose wire fixed, just works; cheap
    /// modules answer on 0x76, others on 0x77: both are tried.
    /// </summary>
    public sealed class Bme280Reader : IClimateReader
    {
        private readonly int _dataPin;
        private readonly int _clockPin;
        private Bme280 _chip;

        public Bme280Reader(int dataPin, int clockPin)
        {
            _dataPin = dataPin;
            _clockPin = clockPin;
            Configuration.SetPinFunction(dataPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(clockPin, DeviceFunction.I2C1_CLOCK);
            Celsius = float.NaN;
            HumidityPercent = float.NaN;
            Hectopascals = float.NaN;
        }

        public float Celsius { get; private set; }

        public float HumidityPercent { get; private set; }

        public float Hectopascals { get; private set; }

        public bool Measure()
        {
            try
            {
                if (_chip == null) _chip = Open();
                if (_chip == null) return false;
                Bme280ReadResult r = _chip.Read();
                if (!r.TemperatureIsValid || !r.HumidityIsValid || !r.PressureIsValid)
                {
                    _chip = null;
                    return false;
                }

                Celsius = (float)r.Temperature.DegreesCelsius;
                HumidityPercent = (float)r.Humidity.Percent;
                Hectopascals = (float)r.Pressure.Hectopascals;
                return true;
            }
            catch (Exception)
            {
                _chip = null;
                return false;
            }
        }

        private static Bme280 Open()
        {
            int[] addresses = new int[] { Bmx280Base.SecondaryI2cAddress, Bmx280Base.DefaultI2cAddress };
            for (int i = 0; i < addresses.Length; i++)
            {
                I2cDevice device = null;
                try
                {
                    device = I2cDevice.Create(new I2cConnectionSettings(1, addresses[i], I2cBusSpeed.StandardMode));
                    return new Bme280(device);
                }
                catch (Exception)
                {
                    if (device != null) device.Dispose();
                }
            }

            return null;
        }
    }
}
