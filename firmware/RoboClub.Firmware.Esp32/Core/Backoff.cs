namespace RoboClub.Firmware
{
    /// <summary>Waits between retries: doubles after each failure up to a ceiling, so 20 boards retrying
    /// at once after a power cut do not hammer the access point or the hub.</summary>
    public static class Backoff
    {
        /// <summary>The wait after <paramref name="failures"/> failures in a row (1: the first wait).</summary>
        public static int Delay(int failures, int firstMs, int maxMs)
        {
            if (failures <= 0) return 0;
            long delay = firstMs;
            for (int i = 1; i < failures && delay < maxMs; i++) delay *= 2;
            return delay > maxMs ? maxMs : (int)delay;
        }
    }
}
