namespace RoboClub.Firmware.Parts
{
    /// <summary>An ADC1 channel (AdcChannel on the ESP32, a fake in tests): the voltage as 0..1 of full scale.</summary>
    public interface IAnalogInput
    {
        double ReadRatio();
    }
}
