namespace RoboClub.Flashing.Ports;

/// <summary>
/// Serial ports on Linux from sysfs, as pyserial and .NET's own SerialPort do: every
/// /sys/class/tty/NAME with a `device` link is a real port; its USB device (vendor, product, serial
/// number) is the parent of the usb-serial interface (ttyUSB*, cp210x/ch341/ftdi_sio) or of the
/// cdc_acm interface itself (ttyACM*). USB devices come from /sys/bus/usb/devices, so a bridge whose
/// driver is missing, or that brltty took, still shows up.
/// </summary>
/// <param name="root">"/" on a real machine; a test's fake tree otherwise.</param>
public sealed class LinuxPortScanner(string root = "/") : IPortScanner
{
    string Sys(string relative) => Path.Join(root, "sys", relative);

    public PortScan Scan()
    {
        var ports = new List<SerialPortInfo>();
        var usbDirsWithTty = new HashSet<string>(StringComparer.Ordinal);
        string classDir = Sys("class/tty");
        if (Directory.Exists(classDir))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(classDir).Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(entry);
                string ttyDir = SysfsPath.Resolve(entry);
                if (!Directory.Exists(Path.Join(ttyDir, "device")) && new FileInfo(Path.Join(ttyDir, "device")).LinkTarget is null) continue; // virtual consoles
                string device = SysfsPath.Resolve(Path.Join(ttyDir, "device"));
                string? subsystem = SysfsPath.LinkName(Path.Join(device, "subsystem"));
                string? driver = SysfsPath.LinkName(Path.Join(device, "driver"));
                string? usbInterface = subsystem switch
                {
                    "usb-serial" => Path.GetDirectoryName(device),
                    "usb" => device,
                    _ => null,
                };
                if (usbInterface is null)
                {
                    // ttyS0 and friends: real ports but no board behind them; platform ports with no driver are placeholders.
                    if (driver is not null) ports.Add(new SerialPortInfo("/dev/" + name, Driver: driver));
                    continue;
                }
                string usbDevice = Path.GetDirectoryName(usbInterface)!;
                usbDirsWithTty.Add(usbDevice);
                ports.Add(new SerialPortInfo("/dev/" + name,
                    SysfsPath.Hex(SysfsPath.ReadValue(Path.Join(usbDevice, "idVendor"))),
                    SysfsPath.Hex(SysfsPath.ReadValue(Path.Join(usbDevice, "idProduct"))),
                    SysfsPath.ReadValue(Path.Join(usbDevice, "serial")),
                    SysfsPath.ReadValue(Path.Join(usbDevice, "product")),
                    SysfsPath.ReadValue(Path.Join(usbDevice, "manufacturer")),
                    driver ?? SysfsPath.LinkName(Path.Join(usbInterface, "driver"))));
            }
        }
        return new PortScan(ports, UsbDevices(usbDirsWithTty));
    }

    List<UsbDeviceInfo> UsbDevices(HashSet<string> withTty)
    {
        var devices = new List<UsbDeviceInfo>();
        string dir = Sys("bus/usb/devices");
        if (!Directory.Exists(dir)) return devices;
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            string id = Path.GetFileName(entry);
            if (id.Contains(':')) continue; // an interface, not a device
            string device = SysfsPath.Resolve(entry);
            if (SysfsPath.Hex(SysfsPath.ReadValue(Path.Join(device, "idVendor"))) is not { } vid) continue;
            if (SysfsPath.Hex(SysfsPath.ReadValue(Path.Join(device, "idProduct"))) is not { } pid) continue;
            var drivers = Directory.EnumerateDirectories(device, id + ":*")
                .Select(i => SysfsPath.LinkName(Path.Join(i, "driver")) ?? "")
                .ToArray();
            devices.Add(new UsbDeviceInfo(id, vid, pid, SysfsPath.ReadValue(Path.Join(device, "serial")),
                SysfsPath.ReadValue(Path.Join(device, "product")), withTty.Contains(device), drivers));
        }
        return devices;
    }
}
