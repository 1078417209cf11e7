using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace RoboClub.Hub.Flashing;

/// <summary>
/// The address written into each board's roboclub.json: the setting if given, else the host of the
/// hub's network URL, else this PC's first IPv4 address on a network that is up. Never "localhost":
/// a board cannot reach the PC through that.
/// </summary>
public static class HubAddress
{
    public static string For(string? configured, string? lanUrl)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim();
        if (lanUrl is not null && Uri.TryCreate(lanUrl, UriKind.Absolute, out var uri) && !uri.IsLoopback) return uri.Host;
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var a in nic.GetIPProperties().UnicastAddresses)
                if (a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address)) return a.Address.ToString();
        }
        return "127.0.0.1";
    }
}
