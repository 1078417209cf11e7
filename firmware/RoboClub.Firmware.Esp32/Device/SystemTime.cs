using System;
using nanoFramework.Runtime.Native;

namespace RoboClub.Firmware.Device
{
    /// <summary>The calendar clock: DateTime.UtcNow, set by SNTP (automatic) or by the hub's time message.</summary>
    public sealed class SystemTime : ISystemTime
    {
        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0);

        public long UtcMs
        {
            get { return (DateTime.UtcNow - Epoch).Ticks / TimeSpan.TicksPerMillisecond; }
        }

        public void Set(long utcMs)
        {
            Rtc.SetSystemTime(Epoch.AddTicks(utcMs * TimeSpan.TicksPerMillisecond));
        }
    }
}
