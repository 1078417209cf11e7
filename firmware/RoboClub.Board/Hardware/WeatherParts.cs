namespace RoboClub.Board.Hardware
{
    /// <summary>Air temperature, °C (BME280 or DHT22).</summary>
    public interface ITemperatureSensor
    {
        float ReadCelsius();
    }

    /// <summary>Relative humidity, % (BME280 or DHT22).</summary>
    public interface IHumiditySensor
    {
        float ReadPercent();
    }

    /// <summary>Air pressure, hPa (BME280).</summary>
    public interface IPressureSensor
    {
        float ReadHectopascals();
    }

    /// <summary>Light level, 0..100 % (a photoresistor on ADC1).</summary>
    public interface ILightSensor
    {
        float ReadPercent();
    }

    /// <summary>Wind speed, km/h (cup anemometer as a pulse counter).</summary>
    public interface IWindSensor
    {
        float ReadKilometersPerHour();
    }

    /// <summary>Rain since the board started, mm (tipping bucket as a pulse counter).</summary>
    public interface IRainGauge
    {
        float ReadMillimeters();
    }
}
