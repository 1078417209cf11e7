using RoboClub.Flashing.Ports;

namespace RoboClub.Hub.Flashing;

/// <summary>Sees only one port (`roboclub flash --port COM5`), so the batch loop flashes exactly that board.</summary>
internal sealed class FilteredScanner(IPortScanner inner, string path) : IPortScanner
{
    public PortScan Scan()
    {
        var scan = inner.Scan();
        var ports = scan.Ports.Where(p => string.Equals(p.Path, path, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            .Select(p => p.LooksLikeBoard ? p : p with { Vid = 0x303a, Pid = 0x1001 }) // the librarian named it: treat it as a board
            .ToArray();
        return new PortScan(ports, scan.UsbDevices);
    }
}
