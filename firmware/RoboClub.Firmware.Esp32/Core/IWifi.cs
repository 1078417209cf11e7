namespace RoboClub.Firmware
{
    /// <summary>The board's Wi-Fi, as the connection supervisor sees it (WifiNetworkHelper on the ESP32, a fake in tests).</summary>
    public interface IWifi
    {
        /// <summary>Connects (DHCP) and waits at most <paramref name="timeoutMs"/>. Null when connected,
        /// otherwise why not (bilingual). An empty ssid means the network stored in the board.</summary>
        string Connect(string ssid, string password, int timeoutMs);

        bool IsConnected { get; }

        /// <summary>The signal of the network the board is on, in dBm, or StatusPayload.NoSignal when unknown.</summary>
        int ReadSignalDbm();
    }
}
