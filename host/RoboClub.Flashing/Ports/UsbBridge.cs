namespace RoboClub.Flashing.Ports;

/// <summary>
/// A USB-to-serial chip found on ESP32 boards (or the ESP32-S3/C3's own USB), with the driver each
/// operating system needs and where a librarian gets it.
/// </summary>
public sealed record UsbBridge(ushort Vid, ushort Pid, string Chip, string LinuxDriver, string WindowsDriver, string? DriverUrl, bool NativeUsb = false)
{
    public string Id => $"{Vid:x4}:{Pid:x4}";

    public static readonly IReadOnlyList<UsbBridge> Known =
    [
        new(0x10c4, 0xea60, "CP210x", "cp210x", "Silicon Labs CP210x VCP", "https://www.silabs.com/developers/usb-to-uart-bridge-vcp-drivers"),
        new(0x1a86, 0x7523, "CH340", "ch341", "WCH CH341SER", "https://www.wch-ic.com/downloads/CH341SER_EXE.html"),
        new(0x1a86, 0x55d4, "CH9102", "cdc_acm", "WCH CH343SER", "https://www.wch-ic.com/downloads/CH343SER_EXE.html"),
        new(0x0403, 0x6001, "FTDI FT232", "ftdi_sio", "FTDI VCP", "https://ftdichip.com/drivers/vcp-drivers/"),
        new(0x0403, 0x6010, "FTDI FT2232", "ftdi_sio", "FTDI VCP", "https://ftdichip.com/drivers/vcp-drivers/"),
        // Built into Windows 10+, macOS and Linux: no driver to install.
        new(0x303a, 0x1001, "ESP32-S3/C3 USB", "cdc_acm", "usbser (built in)", null, NativeUsb: true),
    ];

    public static UsbBridge? Find(ushort? vid, ushort? pid) =>
        vid is null || pid is null ? null : Known.FirstOrDefault(b => b.Vid == vid && b.Pid == pid);
}
