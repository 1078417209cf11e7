using RoboClub.Flashing.Ports;

namespace RoboClub.Flashing.Tests;

/// <summary>Port discovery on fake sysfs trees shaped like the real ones, one per USB bridge ESP32 boards use.</summary>
public sealed class LinuxPortScannerTests : IDisposable
{
    readonly FakeSysfs _sys = new();

    public void Dispose() => _sys.Dispose();

    SerialPortInfo Only(string path) => Assert.Single(new LinuxPortScanner(_sys.Root).Scan().Ports, p => p.Path == path);

    [Theory]
    [InlineData("ttyUSB0", "10c4:ea60", "0001", "CP2102 USB to UART Bridge Controller", "cp210x", "CP210x")]
    [InlineData("ttyUSB0", "1a86:7523", null, "USB2.0-Serial", "ch341", "CH340")]
    [InlineData("ttyUSB1", "0403:6001", "A50285BI", "FT232R USB UART", "ftdi_sio", "FTDI FT232")]
    public void Usb_serial_bridges_are_found_with_their_ids_serial_and_driver(string tty, string vidPid, string? serial, string product, string driver, string chip)
    {
        _sys.AddUsbSerialBoard(tty, vidPid, serial, product, driver);
        var port = Only("/dev/" + tty);
        Assert.Equal(vidPid, port.UsbId);
        Assert.Equal(serial, port.SerialNumber);
        Assert.Equal(product, port.Product);
        Assert.Equal(driver, port.Driver);
        Assert.Equal(chip, port.Bridge?.Chip);
        Assert.True(port.LooksLikeBoard);
    }

    [Theory]
    [InlineData("ttyACM0", "1a86:55d4", "5434012345", "USB Single Serial", "CH9102")]
    [InlineData("ttyACM1", "303a:1001", "F4:12:FA:00:11:22", "USB JTAG/serial debug unit", "ESP32-S3/C3 USB")]
    public void Cdc_acm_boards_are_found_through_their_interface(string tty, string vidPid, string serial, string product, string chip)
    {
        _sys.AddAcmBoard(tty, vidPid, serial, product);
        var port = Only("/dev/" + tty);
        Assert.Equal(vidPid, port.UsbId);
        Assert.Equal(serial, port.SerialNumber);
        Assert.Equal("cdc_acm", port.Driver);
        Assert.Equal(chip, port.Bridge?.Chip);
    }

    [Fact]
    public void The_pcs_own_serial_port_is_listed_but_is_not_a_board_and_virtual_consoles_are_skipped()
    {
        _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        var scan = new LinuxPortScanner(_sys.Root).Scan();
        Assert.Equal(["/dev/ttyS0", "/dev/ttyUSB0"], scan.Ports.Select(p => p.Path).Order().ToArray());
        Assert.False(scan.Ports.Single(p => p.Path == "/dev/ttyS0").LooksLikeBoard);
        Assert.Equal(["/dev/ttyUSB0"], scan.Boards.Select(p => p.Path));
    }

    [Fact]
    public void Usb_devices_say_whether_a_port_came_with_them_and_which_driver_holds_them()
    {
        _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        string stolen = _sys.AddUsbDevice("1a86:7523", null, "USB2.0-Serial", "usbfs");
        var usb = new LinuxPortScanner(_sys.Root).Scan().UsbDevices;
        Assert.Equal(2, usb.Count);
        Assert.True(usb.Single(d => d.Vid == 0x10c4).HasSerialPort);
        var ch340 = usb.Single(d => d.Id == stolen);
        Assert.False(ch340.HasSerialPort);
        Assert.Equal(["usbfs"], ch340.InterfaceDrivers);
        Assert.Equal("CH340", ch340.Bridge?.Chip);
    }

    [Fact]
    public void An_unplugged_board_disappears_and_a_missing_sys_is_an_empty_scan()
    {
        string id = _sys.AddUsbSerialBoard("ttyUSB0", "10c4:ea60", "0001", "CP2102", "cp210x");
        Assert.Single(new LinuxPortScanner(_sys.Root).Scan().Boards);
        _sys.Remove(id, "ttyUSB0");
        Assert.Empty(new LinuxPortScanner(_sys.Root).Scan().Boards);
        Assert.Empty(new LinuxPortScanner("/nonexistent-root").Scan().Ports);
    }
}
