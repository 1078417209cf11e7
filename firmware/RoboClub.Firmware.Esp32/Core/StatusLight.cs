namespace RoboClub.Firmware
{
    /// <summary>
    /// What the board's status LED (GPIO 2, the blue LED on a DevKit) shows, so a librarian can tell
    /// from across the room (docs/boards.md, "What the blue light means"):
    /// on: connected to the hub; slow blink (1 s): looking for Wi-Fi; fast blink (0.2 s): Wi-Fi ok,
    /// looking for the hub; two short flashes every 2 s: setup mode (no configuration, or no Wi-Fi for
    /// 10 minutes); three short flashes every 2 s: safe mode (the stored program was not started).
    /// </summary>
    public static class StatusLight
    {
        public static bool IsOn(LinkPhase phase, bool setupMode, bool safeMode, long nowMs)
        {
            if (phase == LinkPhase.NoConfig || setupMode) return Flashes(2, nowMs);
            if (safeMode && phase != LinkPhase.Online) return Flashes(3, nowMs);
            switch (phase)
            {
                case LinkPhase.Wifi:
                    return (nowMs / 1000) % 2 == 0;
                case LinkPhase.Hub:
                    return (nowMs / 200) % 2 == 0;
                default:
                    // Online; in safe mode a short dark blink every 2 s keeps it recognisable.
                    return !safeMode || (nowMs % 2000) >= 200;
            }
        }

        /// <summary><paramref name="count"/> flashes of 150 ms, 150 ms apart, every 2 s.</summary>
        private static bool Flashes(int count, long nowMs)
        {
            long t = nowMs % 2000;
            long slot = t / 150;
            return slot < count * 2 && slot % 2 == 0;
        }
    }
}
