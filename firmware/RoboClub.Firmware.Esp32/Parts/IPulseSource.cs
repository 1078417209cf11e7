namespace RoboClub.Firmware.Parts
{
    /// <summary>A pulse counter input (GpioPulseCounter on the ESP32, a fake in tests): pulses since it started.</summary>
    public interface IPulseSource
    {
        long Count { get; }
    }
}
