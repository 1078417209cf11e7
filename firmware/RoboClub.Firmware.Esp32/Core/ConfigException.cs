using System;

namespace RoboClub.Firmware
{
    /// <summary>A configuration that cannot be used; the message is bilingual (English / Romanian).</summary>
    public class ConfigException : Exception
    {
        public ConfigException(string message)
            : base(message)
        {
        }
    }
}
