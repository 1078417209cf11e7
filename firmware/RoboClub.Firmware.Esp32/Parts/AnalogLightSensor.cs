using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Parts
{
    /// <summary>
    /// A photoresistor module on an ADC1 pin, as 0..100 % (more light, higher). Many cheap modules give
    /// a lower voltage in more light; <c>inverted</c> says so. An ADC always answers, so there is no
    /// failure to detect: a loose wire reads as 0 % or 100 % (docs/boards.md says how to check it) —
    /// and a dark night legitimately reads 0 %, so that must not stop a program.
    /// </summary>
    public sealed class AnalogLightSensor : ILightSensor
    {
        private readonly IAnalogInput _input;
        private readonly bool _inverted;

        public AnalogLightSensor(IAnalogInput input, bool inverted)
        {
            _input = input;
            _inverted = inverted;
        }

        public float ReadPercent()
        {
            double ratio = _input.ReadRatio();
            if (ratio < 0) ratio = 0;
            if (ratio > 1) ratio = 1;
            if (_inverted) ratio = 1 - ratio;
            return (float)(ratio * 100.0);
        }
    }
}
