using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Parts
{
    /// <summary>
    /// A cup anemometer with a reed switch: each turn closes it once. The common kit anemometer (the
    /// one in docs/boards.md) gives 2.4 km/h for one pulse a second. Speed is averaged over at least
    /// <see cref="MinWindowMs"/>: a faster read returns the last value rather than a noisy one.
    /// </summary>
    public sealed class PulseWindSensor : IWindSensor
    {
        public const float DefaultKmhPerHertz = 2.4f;
        public const int MinWindowMs = 3000;

        private readonly IPulseSource _pulses;
        private readonly IClock _clock;
        private readonly float _kmhPerHertz;
        private long _lastCount;
        private long _lastMs;
        private float _speed;

        public PulseWindSensor(IPulseSource pulses, IClock clock, float kmhPerHertz)
        {
            _pulses = pulses;
            _clock = clock;
            _kmhPerHertz = kmhPerHertz;
            _lastCount = pulses.Count;
            _lastMs = clock.Milliseconds;
        }

        public float ReadKilometersPerHour()
        {
            long now = _clock.Milliseconds;
            long window = now - _lastMs;
            if (window < MinWindowMs) return _speed;
            long count = _pulses.Count;
            long pulses = count - _lastCount;
            if (pulses < 0) pulses = 0; // the counter was reset
            _speed = (float)(pulses * 1000.0 / window) * _kmhPerHertz;
            _lastCount = count;
            _lastMs = now;
            return _speed;
        }
    }
}
