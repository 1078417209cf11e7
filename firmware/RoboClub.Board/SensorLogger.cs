using System;
using RoboClub.Board.Hardware;
using RoboClub.Board.Link;

namespace RoboClub.Board
{
    /// <summary>
    /// Automatic readings, like ESPHome's <c>update_interval</c>: every <see cref="PeriodMs"/> the board
    /// records each sensor it has, with or without a program, so a weather station keeps a history by
    /// itself. The period comes from the hub's retained config (<c>"telemetryPeriod"</c>, the club's sample
    /// interval in the Data tab); 0 (the default) means off: only the child's <c>Plot</c> calls record.
    /// A sensor that fails is skipped for that reading (the program reports sensor errors; a logger
    /// must never stop the board).
    /// </summary>
    public sealed class SensorLogger
    {
        /// <summary>Fastest automatic reading: 10 per second (slow sensors such as the DHT22 repeat their last value).</summary>
        public const int MinPeriodMs = 100;
        /// <summary>Slowest: once an hour, as the hub's setting allows.</summary>
        public const int MaxPeriodMs = 3600000;

        readonly BoardHardware _hw;
        long _nextMs;

        public SensorLogger(BoardHardware hardware)
        {
            _hw = hardware;
        }

        /// <summary>0 = off, else milliseconds between readings (clamped to <see cref="MinPeriodMs"/>..<see cref="MaxPeriodMs"/>).</summary>
        public int PeriodMs { get; private set; }

        /// <summary>Readings a sensor failed to give (skipped), since boot.</summary>
        public int FailedReadings { get; private set; }

        /// <summary>Sets the period from the config's <c>telemetryPeriod</c> member (absent or not a positive integer: off).</summary>
        public void Configure(JsonNode config, long nowMs)
        {
            JsonNode member = config == null ? null : config.Get("telemetryPeriod");
            int period = 0;
            if (member != null && member.Kind == JsonKind.Number && member.IsInteger && member.Integer > 0)
                period = member.Integer < MinPeriodMs ? MinPeriodMs : member.Integer > MaxPeriodMs ? MaxPeriodMs : (int)member.Integer;
            if (period != PeriodMs) _nextMs = nowMs; // a new period starts with a reading now
            PeriodMs = period;
        }

        /// <summary>Records every sensor when a reading is due.</summary>
        public void Tick(long nowMs, HubLink link)
        {
            if (PeriodMs == 0 || link == null || nowMs < _nextMs) return;
            // Keep the rhythm (no drift) unless the board fell far behind, e.g. after a long blocking call.
            _nextMs += PeriodMs;
            if (_nextMs <= nowMs) _nextMs = nowMs + PeriodMs;
            if (_hw.Temperature != null) Record(link, nowMs, "temperature", 0);
            if (_hw.Humidity != null) Record(link, nowMs, "humidity", 1);
            if (_hw.Pressure != null) Record(link, nowMs, "pressure", 2);
            if (_hw.Light != null) Record(link, nowMs, "light", 3);
            if (_hw.Wind != null) Record(link, nowMs, "wind", 4);
            if (_hw.Rain != null) Record(link, nowMs, "rain", 5);
            if (_hw.Distance != null) Record(link, nowMs, "distance", 6);
        }

        void Record(HubLink link, long nowMs, string series, int part)
        {
            float value;
            try
            {
                value = Read(part);
            }
            catch (Exception)
            {
                FailedReadings++;
                return;
            }
            if (float.IsNaN(value) || float.IsInfinity(value)) { FailedReadings++; return; }
            link.AddSample(nowMs, series, value);
        }

        float Read(int part)
        {
            switch (part)
            {
                case 0: return _hw.Temperature.ReadCelsius();
                case 1: return _hw.Humidity.ReadPercent();
                case 2: return _hw.Pressure.ReadHectopascals();
                case 3: return _hw.Light.ReadPercent();
                case 4: return _hw.Wind.ReadKilometersPerHour();
                case 5: return _hw.Rain.ReadMillimeters();
                default: return _hw.Distance.ReadCentimeters();
            }
        }
    }
}
