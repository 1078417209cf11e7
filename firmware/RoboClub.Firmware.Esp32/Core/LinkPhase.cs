namespace RoboClub.Firmware
{
    /// <summary>Where the board is on its way to the hub (shown on the status LED, logged on change).</summary>
    public enum LinkPhase
    {
        /// <summary>No usable roboclub.json: waiting for one (setup mode).</summary>
        NoConfig = 0,
        /// <summary>Joining the library's Wi-Fi (or waiting before the next try).</summary>
        Wifi = 1,
        /// <summary>On Wi-Fi, connecting to the hub's MQTT broker.</summary>
        Hub = 2,
        /// <summary>Connected to the hub.</summary>
        Online = 3,
    }
}
