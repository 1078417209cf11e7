using RoboClub.Board.Hardware;
using RoboClub.Board.Image;

namespace RoboClub.Board.Primitives
{
    /// <summary>weather.*: °C, %, hPa, light %, km/h, mm of rain since the start.</summary>
    public static class WeatherPrimitives
    {
        public static void Register(PrimitiveTable table, BoardHardware hw)
        {
            ITemperatureSensor temperature = hw.Temperature;
            if (temperature == null) table.AddUnavailable("weather.temperature", "this board has no temperature sensor");
            else table.Add(new Primitive("weather.temperature", Sig.None, VmType.Float, t => { t.PushFloat(temperature.ReadCelsius()); return null; }));

            IHumiditySensor humidity = hw.Humidity;
            if (humidity == null) table.AddUnavailable("weather.humidity", "this board has no humidity sensor");
            else table.Add(new Primitive("weather.humidity", Sig.None, VmType.Float, t => { t.PushFloat(humidity.ReadPercent()); return null; }));

            IPressureSensor pressure = hw.Pressure;
            if (pressure == null) table.AddUnavailable("weather.pressure", "this board has no pressure sensor");
            else table.Add(new Primitive("weather.pressure", Sig.None, VmType.Float, t => { t.PushFloat(pressure.ReadHectopascals()); return null; }));

            ILightSensor light = hw.Light;
            if (light == null) table.AddUnavailable("weather.light", "this board has no light sensor");
            else table.Add(new Primitive("weather.light", Sig.None, VmType.Float, t => { t.PushFloat(light.ReadPercent()); return null; }));

            IWindSensor wind = hw.Wind;
            if (wind == null) table.AddUnavailable("weather.wind", "this board has no anemometer");
            else table.Add(new Primitive("weather.wind", Sig.None, VmType.Float, t => { t.PushFloat(wind.ReadKilometersPerHour()); return null; }));

            IRainGauge rain = hw.Rain;
            if (rain == null) table.AddUnavailable("weather.rain", "this board has no rain gauge");
            else table.Add(new Primitive("weather.rain", Sig.None, VmType.Float, t => { t.PushFloat(rain.ReadMillimeters()); return null; }));
        }
    }
}
