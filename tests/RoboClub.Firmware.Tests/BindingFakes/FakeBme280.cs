// Test doubles with the shapes of nanoFramework's System.Device.I2c, Iot.Device.Bmxx80 and UnitsNet
// (listings: System.Device.I2c, Iot.Device.Bmxx80, UnitsNet.*), only what Bme280Reader uses.
using RoboClub.Firmware.Tests.BindingFakes;

namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode = 0,
        FastMode = 1,
    }

    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) { BusId = busId; DeviceAddress = deviceAddress; }
        public int BusId { get; }
        public int DeviceAddress { get; }
    }

    public class I2cDevice : IDisposable
    {
        private I2cDevice(I2cConnectionSettings settings) { ConnectionSettings = settings; }
        public I2cConnectionSettings ConnectionSettings { get; }

        public static I2cDevice Create(I2cConnectionSettings settings)
        {
            HardwareLog.Add($"i2c bus {settings.BusId} address 0x{settings.DeviceAddress:x2} (SDA {HardwareLog.PinFunctions.FirstOrDefault(p => p.Value == "I2C1_DATA").Key})");
            return new I2cDevice(settings);
        }

        public void Dispose() => HardwareLog.Add($"i2c 0x{ConnectionSettings.DeviceAddress:x2} closed");
    }
}

namespace UnitsNet
{
    public readonly struct Temperature { public Temperature(double c) { DegreesCelsius = c; } public double DegreesCelsius { get; } }
    public readonly struct Pressure { public Pressure(double hpa) { Hectopascals = hpa; } public double Hectopascals { get; } }
    public readonly struct RelativeHumidity { public RelativeHumidity(double p) { Percent = p; } public double Percent { get; } }
}

namespace Iot.Device.Bmxx80.ReadResult
{
    using UnitsNet;

    public class Bme280ReadResult
    {
        public Bme280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid, RelativeHumidity humidity, bool humidityIsValid)
        {
            Temperature = temperature; TemperatureIsValid = temperatureIsValid;
            Pressure = pressure; PressureIsValid = pressureIsValid;
            Humidity = humidity; HumidityIsValid = humidityIsValid;
        }

        public Temperature Temperature { get; }
        public bool TemperatureIsValid { get; }
        public Pressure Pressure { get; }
        public bool PressureIsValid { get; }
        public RelativeHumidity Humidity { get; }
        public bool HumidityIsValid { get; }
    }
}

namespace Iot.Device.Bmxx80
{
    using System.Device.I2c;
    using Iot.Device.Bmxx80.ReadResult;
    using UnitsNet;

    public abstract class Bmx280Base
    {
        public const byte DefaultI2cAddress = 119;
        public const byte SecondaryI2cAddress = 118;
    }

    /// <summary>Answers at <see cref="ChipAddress"/> only (like a real module); <see cref="Broken"/> makes reads fail.</summary>
    public class Bme280 : Bmx280Base
    {
        public static int ChipAddress = SecondaryI2cAddress;
        public static bool Broken;
        public static bool Invalid;

        public Bme280(I2cDevice i2cDevice)
        {
            if (i2cDevice.ConnectionSettings.DeviceAddress != ChipAddress || Broken) throw new System.IO.IOException("no chip id");
        }

        public Bme280ReadResult Read()
        {
            if (Broken) throw new System.IO.IOException("I2C transfer failed");
            return new Bme280ReadResult(new Temperature(22.25), !Invalid, new Pressure(1009.5), !Invalid, new RelativeHumidity(41), !Invalid);
        }
    }
}
