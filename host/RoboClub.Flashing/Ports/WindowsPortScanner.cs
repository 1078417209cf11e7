using System.Text.RegularExpressions;

namespace RoboClub.Flashing.Ports;

/// <summary>
/// Serial ports on Windows: names from HARDWARE\DEVICEMAP\SERIALCOMM (what .NET's GetPortNames
/// reads: only ports that exist now), vendor/product ids from the device's instance key under
/// SYSTEM\CurrentControlSet\Enum (USB\VID_10C4&amp;PID_EA60\serial, or FTDIBUS\VID_0403+PID_6001+serial),
/// whose "Device Parameters" hold the PortName. This is the same data SetupAPI returns, read through
/// the registry so it is testable with a fake reader; Enum also remembers unplugged devices, which is
/// why only ports listed in SERIALCOMM are reported.
/// </summary>
public sealed partial class WindowsPortScanner(IRegistryReader registry) : IPortScanner
{
    const string SerialComm = @"HARDWARE\DEVICEMAP\SERIALCOMM";
    const string Enum = @"SYSTEM\CurrentControlSet\Enum";

    [GeneratedRegex(@"VID_([0-9A-F]{4})[&+]PID_([0-9A-F]{4})(?:\+([^\\]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex VidPid();

    public PortScan Scan()
    {
        var present = registry.Values(SerialComm).Values.Where(v => v.StartsWith("COM", StringComparison.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = new Dictionary<string, SerialPortInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var bus in new[] { "USB", "FTDIBUS" })
        {
            foreach (var hardwareId in registry.SubKeys($@"{Enum}\{bus}"))
            {
                var match = VidPid().Match(hardwareId);
                if (!match.Success) continue;
                foreach (var instance in registry.SubKeys($@"{Enum}\{bus}\{hardwareId}"))
                {
                    string key = $@"{Enum}\{bus}\{hardwareId}\{instance}";
                    if (!registry.Values(key + @"\Device Parameters").TryGetValue("PortName", out var port) || !present.Contains(port)) continue;
                    var values = registry.Values(key);
                    found[port] = new SerialPortInfo(port,
                        SysfsPath.Hex(match.Groups[1].Value), SysfsPath.Hex(match.Groups[2].Value),
                        SerialOf(bus, match, instance),
                        values.GetValueOrDefault("FriendlyName") ?? values.GetValueOrDefault("DeviceDesc"),
                        values.GetValueOrDefault("Mfg"),
                        values.GetValueOrDefault("Service"));
                }
            }
        }
        foreach (var port in present)
            found.TryAdd(port, new SerialPortInfo(port));
        return new PortScan(found.Values.OrderBy(p => PortNumber(p.Path)).ThenBy(p => p.Path, StringComparer.Ordinal).ToArray(), []);
    }

    /// <summary>FTDI puts the serial in the hardware id (with the channel letter, A50285BIA); USB puts it in the
    /// instance name, unless Windows made one up (it contains '&amp;' then, like 6&amp;1A2B3C&amp;0&amp;1).</summary>
    static string? SerialOf(string bus, Match match, string instance) =>
        bus == "FTDIBUS" ? (match.Groups[3].Success ? match.Groups[3].Value : null)
        : instance.Contains('&') ? null : instance;

    static int PortNumber(string name) => int.TryParse(name.AsSpan(3), out int n) ? n : int.MaxValue;
}
