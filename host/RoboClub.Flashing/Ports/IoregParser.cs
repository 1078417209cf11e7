using System.Globalization;
using System.Text.RegularExpressions;

namespace RoboClub.Flashing.Ports;

/// <summary>
/// Reads `ioreg -r -c IOUSBHostDevice -l -w 0` (macOS): a tree of "+-o Name &lt;class ...&gt;" nodes,
/// each followed by its properties. A USB device node carries idVendor/idProduct (decimal) and
/// "USB Serial Number"; the IOSerialBSDClient somewhere below it carries "IOCalloutDevice"
/// (/dev/cu.*). Each callout device gets the USB ids of the nearest device above it.
/// </summary>
public static partial class IoregParser
{
    [GeneratedRegex(@"^(?<indent>[ |]*)\+-o (?<name>.+?)\s+<class (?<class>[^,>]+)")]
    private static partial Regex Node();

    [GeneratedRegex(@"^[ |]*""(?<key>[^""]+)"" = (?<value>.+)$")]
    private static partial Regex Property();

    sealed class Entry(int depth, string name)
    {
        public int Depth { get; } = depth;
        public string Name { get; } = name;
        public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);
    }

    public static PortScan Parse(string output)
    {
        var stack = new List<Entry>();
        var ports = new List<SerialPortInfo>();
        var devices = new List<Entry>();
        var devicesWithPort = new HashSet<Entry>();
        foreach (var raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (Node().Match(line) is { Success: true } node)
            {
                int depth = node.Groups["indent"].Length;
                while (stack.Count > 0 && stack[^1].Depth >= depth) stack.RemoveAt(stack.Count - 1);
                var entry = new Entry(depth, node.Groups["name"].Value);
                stack.Add(entry);
                if (node.Groups["class"].Value.Trim() is "IOUSBHostDevice" or "IOUSBDevice") devices.Add(entry);
                continue;
            }
            if (stack.Count == 0 || Property().Match(line) is not { Success: true } property) continue;
            string key = property.Groups["key"].Value, value = property.Groups["value"].Value.Trim().Trim('"');
            stack[^1].Properties[key] = value;
            if (key != "IOCalloutDevice") continue;
            var usb = stack.LastOrDefault(e => e.Properties.ContainsKey("idVendor"));
            if (usb is not null) devicesWithPort.Add(usb);
            ports.Add(new SerialPortInfo(value,
                Number(usb, "idVendor"), Number(usb, "idProduct"),
                usb?.Properties.GetValueOrDefault("USB Serial Number") ?? usb?.Properties.GetValueOrDefault("kUSBSerialNumberString"),
                usb?.Properties.GetValueOrDefault("USB Product Name") ?? usb?.Name.Split('@')[0],
                usb?.Properties.GetValueOrDefault("USB Vendor Name")));
        }
        var usbDevices = devices
            .Where(d => Number(d, "idVendor") is not null && Number(d, "idProduct") is not null)
            .Select(d => new UsbDeviceInfo(d.Properties.GetValueOrDefault("locationID") ?? d.Name, Number(d, "idVendor")!.Value, Number(d, "idProduct")!.Value,
                d.Properties.GetValueOrDefault("USB Serial Number"), d.Properties.GetValueOrDefault("USB Product Name") ?? d.Name.Split('@')[0],
                devicesWithPort.Contains(d), []))
            .ToArray();
        return new PortScan(ports, usbDevices);
    }

    static ushort? Number(Entry? e, string key) =>
        e?.Properties.GetValueOrDefault(key) is { } s && ushort.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
        : e?.Properties.GetValueOrDefault(key) is { } hex && hex.StartsWith("0x", StringComparison.Ordinal) ? SysfsPath.Hex(hex[2..]) : null;
}
