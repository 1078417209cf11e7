using System.Device.Adc;
using RoboClub.Firmware.Parts;

namespace RoboClub.Firmware.Device.Parts
{
    /// <summary>An ADC1 channel (the profile check has refused ADC2 pins: they fail while Wi-Fi is on).</summary>
    public sealed class AdcInput : IAnalogInput
    {
        private readonly AdcChannel _channel;

        public AdcInput(AdcController adc, int channel)
        {
            _channel = adc.OpenChannel(channel);
        }

        public double ReadRatio()
        {
            return _channel.ReadRatio();
        }
    }
}
