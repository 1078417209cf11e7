using System;
using RoboClub.Board.Link;

namespace RoboClub.Firmware
{
    /// <summary>
    /// Wall-clock time, needed only to date telemetry kept on flash across a reboot. nanoFramework starts
    /// SNTP by itself when the board gets an IP, so on a library network with internet the system clock
    /// becomes right on its own; without internet the hub's time message (docs/protocol.md, "time") sets
    /// it. Before either, the time is unknown (-1) and nothing pretends otherwise.
    /// </summary>
    public sealed class WallClock
    {
        /// <summary>2024-01-01 UTC: a clock before this was never set (the ESP32 starts in 1970).</summary>
        public const long PlausibleSinceMs = 1704067200000;

        /// <summary>The hub corrects the clock only when it is this far off (SNTP is better when it works).</summary>
        public const long ToleranceMs = 60000;

        private readonly ISystemTime _system;

        public WallClock(ISystemTime system)
        {
            _system = system;
        }

        public bool IsKnown
        {
            get { return _system.UtcMs >= PlausibleSinceMs; }
        }

        /// <summary>Milliseconds since 1970 UTC, or -1 when unknown.</summary>
        public long UtcMs
        {
            get
            {
                long ms = _system.UtcMs;
                return ms >= PlausibleSinceMs ? ms : -1;
            }
        }

        /// <summary>The hub's time message: <c>{"utc":1763760000123}</c>. False (nothing changed) for a bad payload.</summary>
        public bool OnHubTime(byte[] payload)
        {
            long utc;
            try
            {
                JsonNode o = JsonReader.Parse(payload, 256, 2);
                JsonNode n = o.Kind == JsonKind.Object && o.Count == 1 ? o.Get("utc") : null;
                if (n == null || n.Kind != JsonKind.Number || !n.IsInteger) return false;
                utc = n.Integer;
            }
            catch (Exception)
            {
                // Not JSON, too big, too deep: not a time.
                return false;
            }

            if (utc < PlausibleSinceMs) return false;
            long now = _system.UtcMs;
            long diff = now - utc;
            if (now >= PlausibleSinceMs && diff < ToleranceMs && diff > -ToleranceMs) return false;
            _system.Set(utc);
            return true;
        }
    }
}
