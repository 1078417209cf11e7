using RoboClub.Flashing.Ports;

namespace RoboClub.Flashing.Tests;

/// <summary>The Windows scanner through a fake registry, the macOS one through recorded ioreg output.</summary>
public sealed class WindowsAndMacScannerTests
{
    sealed class FakeRegistry : IRegistryReader
    {
        public Dictionary<string, Dictionary<string, string>> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

        public void Set(string key, string name, string value)
        {
            if (!Keys.TryGetValue(key, out var values)) Keys[key] = values = new(StringComparer.OrdinalIgnoreCase);
            values[name] = value;
            // make every parent key exist
            for (int i = key.LastIndexOf('\\'); i > 0; i = key.LastIndexOf('\\', i - 1))
                if (!Keys.ContainsKey(key[..i])) Keys[key[..i]] = new(StringComparer.OrdinalIgnoreCase);
        }

        public IReadOnlyList<string> SubKeys(string path) =>
            Keys.Keys.Where(k => k.StartsWith(path + "\\", StringComparison.OrdinalIgnoreCase) && !k[(path.Length + 1)..].Contains('\\'))
                .Select(k => k[(path.Length + 1)..]).ToArray();

        public IReadOnlyDictionary<string, string> Values(string path) => Keys.TryGetValue(path, out var v) ? v : new Dictionary<string, string>();
    }

    const string Enum = @"SYSTEM\CurrentControlSet\Enum";

    [Fact]
    public void Windows_ports_get_usb_ids_from_the_enum_key_and_only_present_ports_are_listed()
    {
        var reg = new FakeRegistry();
        reg.Set(@"HARDWARE\DEVICEMAP\SERIALCOMM", @"\Device\Silabser0", "COM5");
        reg.Set(@"HARDWARE\DEVICEMAP\SERIALCOMM", @"\Device\VCP0", "COM7");
        reg.Set(@"HARDWARE\DEVICEMAP\SERIALCOMM", @"\Device\Serial0", "COM1");
        reg.Set($@"{Enum}\USB\VID_10C4&PID_EA60\0001", "FriendlyName", "Silicon Labs CP210x USB to UART Bridge (COM5)");
        reg.Set($@"{Enum}\USB\VID_10C4&PID_EA60\0001\Device Parameters", "PortName", "COM5");
        reg.Set($@"{Enum}\FTDIBUS\VID_0403+PID_6001+A50285BIA\0000\Device Parameters", "PortName", "COM7");
        // A CH340 seen last week: still in Enum, not plugged in now.
        reg.Set($@"{Enum}\USB\VID_1A86&PID_7523\5&2a3b4c5d&0&2\Device Parameters", "PortName", "COM9");
        var ports = new WindowsPortScanner(reg).Scan().Ports;
        Assert.Equal(["COM1", "COM5", "COM7"], ports.Select(p => p.Path));
        var cp = ports[1];
        Assert.Equal("10c4:ea60", cp.UsbId);
        Assert.Equal("0001", cp.SerialNumber);
        Assert.Equal("CP210x", cp.Bridge?.Chip);
        Assert.StartsWith("Silicon Labs", cp.Product);
        Assert.Equal("0403:6001", ports[2].UsbId);
        Assert.Equal("A50285BIA", ports[2].SerialNumber);
        Assert.False(ports[0].LooksLikeBoard);
    }

    [Fact]
    public void A_windows_made_up_instance_id_is_not_a_serial_number()
    {
        var reg = new FakeRegistry();
        reg.Set(@"HARDWARE\DEVICEMAP\SERIALCOMM", @"\Device\ch341", "COM3");
        reg.Set($@"{Enum}\USB\VID_1A86&PID_7523\5&2a3b4c5d&0&2\Device Parameters", "PortName", "COM3");
        var port = Assert.Single(new WindowsPortScanner(reg).Scan().Ports);
        Assert.Equal("CH340", port.Bridge?.Chip);
        Assert.Null(port.SerialNumber);
        Assert.Equal("COM3", port.Key);
    }

    // Shaped like `ioreg -r -c IOUSBHostDevice -l -w 0` on macOS 14 (trimmed).
    const string Ioreg = """
        +-o CP2102 USB to UART Bridge Controller@01120000  <class IOUSBHostDevice, id 0x100000abc, registered, matched, active, busy 0 (12 ms), retain 26>
          | {
          |   "idProduct" = 60000
          |   "USB Serial Number" = "0001"
          |   "idVendor" = 4292
          |   "USB Product Name" = "CP2102 USB to UART Bridge Controller"
          |   "USB Vendor Name" = "Silicon Labs"
          |   "locationID" = 17956864
          | }
          |
          +-o AppleUSBHostLegacyClient  <class AppleUSBHostLegacyClient, id 0x100000abd>
          +-o CP2102 USB to UART Bridge Controller@0  <class AppleUSBInterface, id 0x100000abf>
            +-o AppleUSBSLCOM  <class AppleUSBSLCOM, id 0x100000ac2>
              +-o IOSerialBSDClient  <class IOSerialBSDClient, id 0x100000ac4>
                    {
                      "IOTTYBaseName" = "usbserial-"
                      "IOCalloutDevice" = "/dev/cu.usbserial-0001"
                      "IODialinDevice" = "/dev/tty.usbserial-0001"
                    }
        +-o USB2.0-Serial@01130000  <class IOUSBHostDevice, id 0x100000b00, registered, matched, active>
            {
              "idProduct" = 29987
              "idVendor" = 6790
              "USB Product Name" = "USB2.0-Serial"
              "locationID" = 18022400
            }
        """;

    [Fact]
    public void Ioreg_output_gives_callout_devices_their_usb_ids_and_flags_a_bridge_without_port()
    {
        var scan = IoregParser.Parse(Ioreg);
        var port = Assert.Single(scan.Ports);
        Assert.Equal("/dev/cu.usbserial-0001", port.Path);
        Assert.Equal("10c4:ea60", port.UsbId);
        Assert.Equal("0001", port.SerialNumber);
        Assert.Equal("Silicon Labs", port.Manufacturer);
        Assert.Equal(2, scan.UsbDevices.Count);
        var ch340 = scan.UsbDevices.Single(d => d.Vid == 0x1a86);
        Assert.Equal(0x7523, ch340.Pid);
        Assert.False(ch340.HasSerialPort);
        Assert.True(scan.UsbDevices.Single(d => d.Vid == 0x10c4).HasSerialPort);
    }

    [Fact]
    public void The_mac_scanner_lists_dev_cu_nodes_and_joins_what_ioreg_knows()
    {
        var scanner = new MacPortScanner(() => Ioreg, () => ["/dev/cu.usbserial-0001", "/dev/cu.Bluetooth-Incoming-Port"]);
        var ports = scanner.Scan().Ports;
        Assert.Equal(["/dev/cu.Bluetooth-Incoming-Port", "/dev/cu.usbserial-0001"], ports.Select(p => p.Path));
        Assert.False(ports[0].LooksLikeBoard);
        Assert.Equal("CP210x", ports[1].Bridge?.Chip);
    }
}
