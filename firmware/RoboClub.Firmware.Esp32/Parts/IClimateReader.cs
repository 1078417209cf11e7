namespace RoboClub.Firmware.Parts
{
    /// <summary>One reading of a temperature/humidity(/pressure) chip: BME280 over I2C or DHT22 (ESP32
    /// adapters in Device/), a fake in tests.</summary>
    public interface IClimateReader
    {
        /// <summary>Takes a measurement. False when the chip did not answer (or answered nonsense).</summary>
        bool Measure();

        float Celsius { get; }

        float HumidityPercent { get; }

        /// <summary>NaN when the chip has no pressure sensor (DHT22).</summary>
        float Hectopascals { get; }
    }
}
