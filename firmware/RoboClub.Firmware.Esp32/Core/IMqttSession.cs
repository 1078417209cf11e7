namespace RoboClub.Firmware
{
    /// <summary>The MQTT connection to the hub's broker (nanoFramework.M2Mqtt on the ESP32, a fake in tests).
    /// The session knows the broker, credentials and last will from the configuration it was made with.</summary>
    public interface IMqttSession
    {
        /// <summary>Connects (MQTT 3.1.1, clean session, last will = offline status). Null when connected,
        /// otherwise why not (bilingual).</summary>
        string Connect();

        bool IsConnected { get; }

        /// <summary>Drops the connection (after a failure) so the next Connect starts clean.</summary>
        void Close();
    }
}
