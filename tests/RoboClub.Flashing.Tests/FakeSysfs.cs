namespace RoboClub.Flashing.Tests;

/// <summary>
/// A fake /sys shaped like the real one (relative symlinks included): usb-serial boards (ttyUSB*,
/// cp210x/ch341/ftdi_sio) hang a ttyUSBn directory under the USB interface, cdc_acm boards (ttyACM*)
/// put tty/ttyACMn under the interface itself; /sys/class/tty and /sys/bus/usb/devices link into
/// /sys/devices.
/// </summary>
public sealed class FakeSysfs : IDisposable
{
    readonly TempFolder _root = new();
    int _nextPort = 1;

    public FakeSysfs()
    {
        Directory.CreateDirectory(Sys("class/tty"));
        Directory.CreateDirectory(Sys("bus/usb/devices"));
        Directory.CreateDirectory(Sys("bus/usb-serial/drivers"));
        Directory.CreateDirectory(Sys("bus/usb/drivers"));
        // A virtual console (no device link) and the PC's own ttyS0 (platform device with a driver).
        Directory.CreateDirectory(Sys("devices/virtual/tty/tty0"));
        Link(Sys("class/tty/tty0"), "../../devices/virtual/tty/tty0");
        Directory.CreateDirectory(Sys("devices/platform/serial8250/tty/ttyS0"));
        Directory.CreateDirectory(Sys("bus/platform/drivers/serial8250"));
        Link(Sys("devices/platform/serial8250/driver"), "../../../bus/platform/drivers/serial8250");
        Link(Sys("devices/platform/serial8250/subsystem"), "../../../bus/platform");
        Link(Sys("devices/platform/serial8250/tty/ttyS0/device"), "../../../serial8250");
        Link(Sys("class/tty/ttyS0"), "../../devices/platform/serial8250/tty/ttyS0");
    }

    public string Root => _root.Path;

    string Sys(string relative) => _root.Combine("sys", relative);

    static void Link(string path, string target)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Adds a USB device; returns its bus id (1-1, 1-2, ...).</summary>
    public string AddUsbDevice(string vidPid, string? serial, string product, string? interfaceDriver)
    {
        string id = $"1-{_nextPort++}";
        string dev = Sys($"devices/pci0000:00/0000:00:14.0/usb1/{id}");
        Directory.CreateDirectory(dev);
        var (vid, pid) = (vidPid[..4], vidPid[5..]);
        File.WriteAllText(System.IO.Path.Join(dev, "idVendor"), vid + "\n");
        File.WriteAllText(System.IO.Path.Join(dev, "idProduct"), pid + "\n");
        File.WriteAllText(System.IO.Path.Join(dev, "product"), product + "\n");
        if (serial is not null) File.WriteAllText(System.IO.Path.Join(dev, "serial"), serial + "\n");
        string iface = System.IO.Path.Join(dev, $"{id}:1.0");
        Directory.CreateDirectory(iface);
        Link(System.IO.Path.Join(iface, "subsystem"), "../../../../../../bus/usb");
        if (interfaceDriver is not null)
        {
            Directory.CreateDirectory(Sys($"bus/usb/drivers/{interfaceDriver}"));
            Link(System.IO.Path.Join(iface, "driver"), $"../../../../../../bus/usb/drivers/{interfaceDriver}");
        }
        Link(Sys($"bus/usb/devices/{id}"), $"../../../devices/pci0000:00/0000:00:14.0/usb1/{id}");
        return id;
    }

    /// <summary>A CP210x/CH340/FTDI board: ttyUSBn through usb-serial.</summary>
    public string AddUsbSerialBoard(string tty, string vidPid, string? serial, string product, string driver)
    {
        string id = AddUsbDevice(vidPid, serial, product, driver);
        string iface = Sys($"devices/pci0000:00/0000:00:14.0/usb1/{id}/{id}:1.0");
        string port = System.IO.Path.Join(iface, tty);
        Directory.CreateDirectory(System.IO.Path.Join(port, "tty", tty));
        Directory.CreateDirectory(Sys($"bus/usb-serial/drivers/{driver}"));
        Link(System.IO.Path.Join(port, "subsystem"), "../../../../../../../bus/usb-serial");
        Link(System.IO.Path.Join(port, "driver"), $"../../../../../../../bus/usb-serial/drivers/{driver}");
        Link(System.IO.Path.Join(port, "tty", tty, "device"), $"../../../{tty}");
        Link(Sys($"class/tty/{tty}"), $"../../devices/pci0000:00/0000:00:14.0/usb1/{id}/{id}:1.0/{tty}/tty/{tty}");
        return id;
    }

    /// <summary>A CH9102 or ESP32-S3/C3 native USB board: ttyACMn through cdc_acm.</summary>
    public string AddAcmBoard(string tty, string vidPid, string? serial, string product)
    {
        string id = AddUsbDevice(vidPid, serial, product, "cdc_acm");
        string iface = Sys($"devices/pci0000:00/0000:00:14.0/usb1/{id}/{id}:1.0");
        Directory.CreateDirectory(System.IO.Path.Join(iface, "tty", tty));
        Link(System.IO.Path.Join(iface, "tty", tty, "device"), "../../../" + $"{id}:1.0");
        Link(Sys($"class/tty/{tty}"), $"../../devices/pci0000:00/0000:00:14.0/usb1/{id}/{id}:1.0/tty/{tty}");
        return id;
    }

    /// <summary>Unplugs a board: its port and its USB device vanish.</summary>
    public void Remove(string id, string? tty)
    {
        if (tty is not null) File.Delete(Sys($"class/tty/{tty}"));
        File.Delete(Sys($"bus/usb/devices/{id}"));
        Directory.Delete(Sys($"devices/pci0000:00/0000:00:14.0/usb1/{id}"), recursive: true);
    }

    public void Dispose() => _root.Dispose();
}
