using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using RoboClub.Board.Link;

namespace RoboClub.Firmware.Device
{
    /// <summary>
    /// The ESP32's Wi-Fi through nanoFramework's WifiNetworkHelper. ConnectDhcp has no timeout of its own,
    /// so every call gets a CancellationTokenSource; after a failed or cancelled attempt the helper is
    /// Reset (Home#1511: otherwise the next attempt fails at once). The signal strength comes from a
    /// scan (nanoFramework has no "RSSI of the connected network" yet, Home#1632).
    /// </summary>
    public sealed class Esp32Wifi : IWifi
    {
        /// <summary>A scan takes a couple of seconds of radio time: not more often than this.</summary>
        public const int ScanWaitMs = 5000;

        private readonly AutoResetEvent _scanDone = new AutoResetEvent(false);
        private string _ssid = string.Empty;
        private bool _failedBefore;
        private WifiAdapter _adapter;

        public bool IsConnected
        {
            get
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    NetworkInterface ni = all[i];
                    if (ni.NetworkInterfaceType == NetworkInterfaceType.Wireless80211 && ni.IPv4Address != null && ni.IPv4Address.Length > 0 && ni.IPv4Address != "0.0.0.0")
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        public string Connect(string ssid, string password, int timeoutMs)
        {
            if (ssid == null || ssid.Length == 0)
            {
                // No network in roboclub.json: the one stored by nanoff --networkdeployment.
                Wireless80211Configuration[] stored = Wireless80211Configuration.GetAllWireless80211Configurations();
                if (stored.Length == 0 || stored[0].Ssid == null || stored[0].Ssid.Length == 0)
                {
                    return Say.Both("no Wi-Fi network configured: set wifiSsid in roboclub.json",
                        "nu este configurată nicio rețea Wi-Fi: completează wifiSsid în roboclub.json");
                }

                ssid = stored[0].Ssid;
                password = stored[0].Password;
            }

            _ssid = ssid;
            try
            {
                if (_failedBefore) WifiNetworkHelper.Reset();
                CancellationTokenSource cancel = new CancellationTokenSource(timeoutMs);
                bool ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, cancel.Token);
                _failedBefore = !ok;
                if (ok) return null;
                Exception why = WifiNetworkHelper.HelperException;
                return Say.Both("cannot join Wi-Fi \"" + Say.Short(ssid) + "\"", "nu mă pot conecta la Wi-Fi \"" + Say.Short(ssid) + "\"")
                    + (why == null ? " (" + WifiNetworkHelper.Status.ToString() + ")" : ": " + why.Message);
            }
            catch (Exception e)
            {
                _failedBefore = true;
                return Say.Both("Wi-Fi error", "eroare Wi-Fi") + ": " + e.Message;
            }
        }

        public int ReadSignalDbm()
        {
            try
            {
                if (_adapter == null)
                {
                    _adapter = WifiAdapter.FindAllAdapters()[0];
                    _adapter.AvailableNetworksChanged += OnScanned;
                }

                _adapter.ScanAsync();
                if (!_scanDone.WaitOne(ScanWaitMs, false)) return StatusPayload.NoSignal;
                WifiAvailableNetwork[] found = _adapter.NetworkReport.AvailableNetworks;
                int best = StatusPayload.NoSignal;
                for (int i = 0; i < found.Length; i++)
                {
                    if (found[i].Ssid != _ssid) continue;
                    int dbm = (int)found[i].NetworkRssiInDecibelMilliwatts;
                    if (best == StatusPayload.NoSignal || dbm > best) best = dbm;
                }

                return best;
            }
            catch (Exception)
            {
                // A failed scan is not a failed connection.
                return StatusPayload.NoSignal;
            }
        }

        private void OnScanned(WifiAdapter sender, object e)
        {
            _scanDone.Set();
        }
    }
}
