using System;
using RoboClub.Board.Hardware;

namespace RoboClub.Firmware.Device
{
    /// <summary>Board time: milliseconds since power-up (monotonic; the calendar clock may jump when SNTP sets it).</summary>
    public sealed class SystemClock : IClock
    {
        public long Milliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
