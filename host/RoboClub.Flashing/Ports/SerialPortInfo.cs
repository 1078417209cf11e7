namespace RoboClub.Flashing.Ports;

/// <summary>One serial port the operating system shows, with what its USB side says about it.</summary>
/// <param name="Path">What nanoff's --serialport takes: /dev/ttyUSB0, COM5, /dev/cu.usbserial-0001.</param>
/// <param name="Driver">The kernel driver bound to it (Linux), when known.</param>
public sealed record SerialPortInfo(string Path, ushort? Vid = null, ushort? Pid = null, string? SerialNumber = null,
    string? Product = null, string? Manufacturer = null, string? Driver = null)
{
    public UsbBridge? Bridge => UsbBridge.Find(Vid, Pid);

    /// <summary>A USB serial port with a chip ESP32 boards use: worth offering for flashing.</summary>
    public bool LooksLikeBoard => Bridge is not null;

    public string UsbId => Vid is { } v && Pid is { } p ? $"{v:x4}:{p:x4}" : "";

    /// <summary>Identity of the physical board across re-plugging: USB serial number when it has one.</summary>
    public string Key => SerialNumber is { Length: > 0 } s ? $"{UsbId}/{s}" : Path;
}

/// <summary>A USB device that is attached, whether or not a serial port came with it (a missing driver or
/// brltty leaves a known bridge with no port).</summary>
/// <param name="InterfaceDrivers">Drivers bound to its interfaces ("usbfs" when a program such as brltty claimed it).</param>
public sealed record UsbDeviceInfo(string Id, ushort Vid, ushort Pid, string? SerialNumber, string? Product, bool HasSerialPort, IReadOnlyList<string> InterfaceDrivers)
{
    public UsbBridge? Bridge => UsbBridge.Find(Vid, Pid);
}

/// <summary>What one look at the machine found.</summary>
public sealed record PortScan(IReadOnlyList<SerialPortInfo> Ports, IReadOnlyList<UsbDeviceInfo> UsbDevices)
{
    public static readonly PortScan Empty = new([], []);

    public IEnumerable<SerialPortInfo> Boards => Ports.Where(p => p.LooksLikeBoard);
}

/// <summary>Lists serial ports (and, where the OS tells, attached USB devices) without System.IO.Ports.</summary>
public interface IPortScanner
{
    PortScan Scan();
}
