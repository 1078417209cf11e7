using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Parts
{
    /// <summary>A tipping-bucket rain gauge: each tip of the bucket is one pulse, 0.2794 mm of rain for
    /// the common kit gauge. Rain since the board started.</summary>
    public sealed class PulseRainGauge : IRainGauge
    {
        public const float DefaultMillimetersPerTip = 0.2794f;

        private readonly IPulseSource _pulses;
        private readonly float _mmPerTip;
        private readonly long _start;

        public PulseRainGauge(IPulseSource pulses, float millimetersPerTip)
        {
            _pulses = pulses;
            _mmPerTip = millimetersPerTip;
            _start = pulses.Count;
        }

        public float ReadMillimeters()
        {
            long tips = _pulses.Count - _start;
            return tips <= 0 ? 0 : tips * _mmPerTip;
        }
    }
}
