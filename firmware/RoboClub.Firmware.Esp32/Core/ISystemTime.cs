namespace RoboClub.Firmware
{
    /// <summary>The board's calendar clock (DateTime.UtcNow and Rtc.SetSystemTime on the ESP32).</summary>
    public interface ISystemTime
    {
        /// <summary>Milliseconds since 1970-01-01 UTC as the board believes (wrong until SNTP or the hub set it).</summary>
        long UtcMs { get; }

        void Set(long utcMs);
    }
}
