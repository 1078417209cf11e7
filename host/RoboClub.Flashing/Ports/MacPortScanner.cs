using System.Diagnostics;

namespace RoboClub.Flashing.Ports;

/// <summary>
/// Serial ports on macOS: the /dev/cu.* callout devices (not tty.*, which wait for carrier), with USB
/// ids from `ioreg` (IOKit's registry printed as text; no native code to get wrong on arm64).
/// </summary>
/// <param name="ioreg">Returns ioreg's output; the real one runs /usr/sbin/ioreg.</param>
public sealed class MacPortScanner(Func<string>? ioreg = null, Func<IEnumerable<string>>? devNodes = null) : IPortScanner
{
    public PortScan Scan()
    {
        var fromIoreg = IoregParser.Parse((ioreg ?? RunIoreg)());
        var known = fromIoreg.Ports.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var nodes = (devNodes ?? (() => Directory.Exists("/dev") ? Directory.EnumerateFileSystemEntries("/dev", "cu.*") : []))();
        var ports = nodes.Order(StringComparer.Ordinal)
            .Select(path => known.GetValueOrDefault(path) ?? new SerialPortInfo(path))
            .ToArray();
        return new PortScan(ports, fromIoreg.UsbDevices);
    }

    static string RunIoreg()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("/usr/sbin/ioreg", "-r -c IOUSBHostDevice -l -w 0") { RedirectStandardOutput = true, UseShellExecute = false });
            if (p is null) return "";
            string text = p.StandardOutput.ReadToEnd();
            p.WaitForExit(5000);
            return text;
        }
        catch (System.ComponentModel.Win32Exception) { return ""; }
    }
}
