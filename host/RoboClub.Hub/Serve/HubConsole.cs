using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using RoboClub.Hub.Qr;

namespace RoboClub.Hub.Serve;

/// <summary>What the librarian reads in the terminal: where to open the editor (this PC and the
/// library's network, for tablets), where boards connect, how to stop.</summary>
public sealed class HubConsole(TextWriter output)
{
    public HubConsole() : this(Console.Out) { }

    /// <summary>The page's addresses once the server listens: this PC's, then one per network address.</summary>
    public IReadOnlyList<string> PageUrls { get; private set; } = [];

    public void Started(IReadOnlyList<string> listening, int mqttPort, HubSettings settings, IReadOnlyList<string> virtualBoards)
    {
        PageUrls = Urls(listening, settings.Lan);
        bool ro = settings.Lang == "ro";
        lock (output)
        {
            output.WriteLine(ro ? "Hub RoboClub pornit." : "RoboClub hub started.");
            foreach (var url in PageUrls) output.WriteLine($"  {(ro ? "Editorul" : "Editor")}: {url}");
            if (LanUrl is { } lan)
            {
                // Tablets join by scanning this instead of typing the address.
                output.WriteLine(ro ? $"  Scanează cu tableta pentru {lan}:" : $"  Scan with a tablet to open {lan}:");
                output.Write(QrCode.Encode(lan).ToTerminal());
            }
            string broker = settings.Broker is { } external ? RoboClub.Hub.Boards.BrokerAddress.Parse(external).ToString() : $"mqtt://{(settings.Lan ? "0.0.0.0" : "127.0.0.1")}:{mqttPort}";
            output.WriteLine($"  MQTT: {broker} ({(ro ? "aici se conectează plăcuțele" : "boards connect here")})");
            foreach (var b in virtualBoards) output.WriteLine($"  {(ro ? "plăcuță virtuală" : "virtual board")} '{b}' in club '{settings.Club}'");
            output.WriteLine($"  {(ro ? "Date" : "Data")}: {settings.DataDirectory}");
            output.WriteLine(ro ? "Apasă Ctrl+C pentru oprire." : "Press Ctrl+C to stop.");
            output.Flush();
        }
    }

    /// <summary>The first address a tablet on the library's network can open, or null (local only / no network).</summary>
    public string? LanUrl => PageUrls.FirstOrDefault(u => !u.Contains("//localhost", StringComparison.Ordinal));

    public void Stopping() { lock (output) { output.WriteLine("Stopping the hub..."); output.Flush(); } }

    public void Stopped() { lock (output) { output.WriteLine("Hub stopped."); output.Flush(); } }

    /// <summary>http://localhost:PORT/ first, then one URL per IPv4 address of this PC's networks
    /// (what a tablet types) when the hub listens on the network.</summary>
    internal static IReadOnlyList<string> Urls(IReadOnlyList<string> listening, bool lan)
    {
        var urls = new List<string>();
        foreach (var address in listening)
        {
            if (!Uri.TryCreate(address.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost").Replace("//+", "//localhost").Replace("//*", "//localhost"), UriKind.Absolute, out var uri)) continue;
            urls.Add($"{uri.Scheme}://{(uri.IsLoopback ? "localhost" : uri.Host)}:{uri.Port}/");
            if (lan) urls.AddRange(LanAddresses().Select(ip => $"{uri.Scheme}://{ip}:{uri.Port}/"));
        }
        return urls.Distinct().ToArray();
    }

    static IEnumerable<string> LanAddresses()
    {
        NetworkInterface[] interfaces;
        try { interfaces = NetworkInterface.GetAllNetworkInterfaces(); }
        catch (NetworkInformationException) { yield break; }
        foreach (var nic in interfaces)
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var a in nic.GetIPProperties().UnicastAddresses)
            {
                if (a.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a.Address)) yield return a.Address.ToString();
            }
        }
    }
}
