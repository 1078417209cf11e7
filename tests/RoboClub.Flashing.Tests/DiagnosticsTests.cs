using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Ports;

namespace RoboClub.Flashing.Tests;

/// <summary>Each diagnostic, from a fake machine state to the words the librarian reads (both languages).</summary>
public sealed class DiagnosticsTests : IDisposable
{
    readonly FakeSysfs _sys = new();
    readonly FakeProc _proc = new();

    public void Dispose()
    {
        _sys.Dispose();
        _proc.Dispose();
    }

    sealed class FixedAccess(PortAccessResult result) : IPortAccess
    {
        public List<bool> Opened { get; } = [];
        public PortAccessResult TryOpen(string path, bool mayOpen) { Opened.Add(mayOpen); return result; }
    }

    PortDoctor Doctor(HostOs os = HostOs.Linux, PortAccessResult access = PortAccessResult.Ok) => new(os, new FixedAccess(access), new ProcessTable(_proc.Root));

    PortScan Scan() => new LinuxPortScanner(_sys.Root).Scan();

    static void BothLanguages(Diagnosis d)
    {
        Assert.False(string.IsNullOrWhiteSpace(d.Problem.En));
        Assert.False(string.IsNullOrWhiteSpace(d.Fix.Ro));
        Assert.NotEqual(d.Problem.En, d.Problem.Ro);
        Assert.NotEqual(d.Fix.En, d.Fix.Ro);
    }

    [Fact]
    public void Nothing_new_after_plugging_in_means_a_charge_only_cable()
    {
        var before = Scan();
        var d = Assert.Single(Doctor().ExplainMissingPort(before, Scan()));
        Assert.Equal(DiagnosisIds.ChargeOnlyCable, d.Id);
        Assert.Contains("charge", d.Problem.En);
        Assert.Contains("încarce", d.Problem.Ro);
        BothLanguages(d);
    }

    [Fact]
    public void A_known_bridge_without_a_port_on_linux_names_the_missing_kernel_module()
    {
        var before = Scan();
        _sys.AddUsbDevice("1a86:7523", null, "USB2.0-Serial", interfaceDriver: null);
        var d = Assert.Single(Doctor().ExplainMissingPort(before, Scan()));
        Assert.Equal(DiagnosisIds.DriverMissing, d.Id);
        Assert.Contains("CH340", d.Problem.En);
        Assert.Contains("ch341", d.Problem.En);
        Assert.Contains("modprobe ch341", d.Fix.Ro);
        BothLanguages(d);
    }

    [Theory]
    [InlineData("10c4:ea60", "Silicon Labs CP210x VCP", "silabs.com")]
    [InlineData("1a86:7523", "WCH CH341SER", "CH341SER")]
    [InlineData("1a86:55d4", "WCH CH343SER", "CH343SER")]
    [InlineData("0403:6001", "FTDI VCP", "ftdichip.com")]
    public void On_windows_and_macos_a_missing_driver_says_which_one_and_where_to_get_it(string vidPid, string driver, string link)
    {
        var before = Scan();
        _sys.AddUsbDevice(vidPid, null, "bridge", interfaceDriver: null);
        foreach (var os in new[] { HostOs.Windows, HostOs.MacOS })
        {
            var d = Assert.Single(Doctor(os).ExplainMissingPort(before, Scan()));
            Assert.Equal(DiagnosisIds.DriverMissing, d.Id);
            Assert.Contains(driver, d.Fix.En);
            Assert.Contains(driver, d.Fix.Ro);
            Assert.Contains(link, d.Link);
        }
    }

    [Fact]
    public void Windows_without_a_new_com_port_mentions_both_the_cable_and_the_drivers()
    {
        var d = Assert.Single(Doctor(HostOs.Windows).ExplainMissingPort(PortScan.Empty, PortScan.Empty));
        Assert.Equal(DiagnosisIds.ChargeOnlyCable, d.Id);
        Assert.Contains("driver", d.Problem.En);
        Assert.Contains("CH340", d.Fix.En);
        Assert.Contains("Manager dispozitive", d.Fix.Ro);
    }

    [Fact]
    public void Brltty_is_recognised_from_the_usbfs_claim_on_the_bridge()
    {
        var before = Scan();
        _sys.AddUsbDevice("10c4:ea60", "0001", "CP2102", interfaceDriver: "usbfs");
        var d = Assert.Single(Doctor().ExplainMissingPort(before, Scan()));
        Assert.Equal(DiagnosisIds.Brltty, d.Id);
        Assert.Contains("brltty", d.Fix.En);
        Assert.Contains("braille", d.Problem.Ro);
        BothLanguages(d);
    }

    [Fact]
    public void Brltty_is_recognised_from_its_running_process()
    {
        _proc.AddProcess(812, "brltty");
        var before = Scan();
        _sys.AddUsbDevice("1a86:7523", null, "USB2.0-Serial", interfaceDriver: null);
        Assert.Equal(DiagnosisIds.Brltty, Assert.Single(Doctor().ExplainMissingPort(before, Scan())).Id);
        // brltty is a Linux problem: on Windows the same state is a missing driver.
        Assert.Equal(DiagnosisIds.DriverMissing, Assert.Single(Doctor(HostOs.Windows).ExplainMissingPort(before, Scan())).Id);
    }

    [Fact]
    public void A_new_usb_device_that_is_no_esp32_bridge_is_said_to_be_no_board()
    {
        var before = Scan();
        _sys.AddUsbDevice("046d:c52b", null, "USB Receiver", "usbhid");
        Assert.Equal(DiagnosisIds.NotABoard, Assert.Single(Doctor().ExplainMissingPort(before, Scan())).Id);
    }

    [Fact]
    public void Permission_denied_tells_to_join_the_dialout_group()
    {
        var d = Assert.Single(Doctor(access: PortAccessResult.PermissionDenied).CheckPort(new SerialPortInfo("/dev/ttyUSB0")));
        Assert.Equal(DiagnosisIds.PermissionDenied, d.Id);
        Assert.Contains("usermod -aG dialout", d.Fix.En);
        Assert.Contains("usermod -aG dialout", d.Fix.Ro);
        Assert.Contains("/dev/ttyUSB0", d.Problem.Ro);
        BothLanguages(d);
    }

    [Fact]
    public void Listing_ports_never_opens_them_only_flashing_does()
    {
        var access = new FixedAccess(PortAccessResult.Ok);
        var doctor = new PortDoctor(HostOs.Linux, access, new ProcessTable(_proc.Root));
        doctor.CheckPort(new SerialPortInfo("/dev/ttyUSB0"), mayOpen: false);
        doctor.CheckPort(new SerialPortInfo("/dev/ttyUSB0"));
        Assert.Equal([false, true], access.Opened);
    }

    [Fact]
    public void A_busy_port_names_the_program_holding_it()
    {
        _proc.AddProcess(4242, "arduino-ide", "/dev/ttyUSB0", "/home/x/sketch.ino");
        _proc.AddProcess(4243, "bash", "/dev/pts/1");
        var d = Assert.Single(Doctor(access: PortAccessResult.Busy).CheckPort(new SerialPortInfo("/dev/ttyUSB0")));
        Assert.Equal(DiagnosisIds.PortBusy, d.Id);
        Assert.Contains("arduino-ide (PID 4242)", d.Problem.En);
        Assert.Contains("arduino-ide (PID 4242)", d.Problem.Ro);
        Assert.DoesNotContain("bash", d.Problem.En);
    }

    [Fact]
    public void A_port_that_opens_but_is_held_by_another_program_is_still_busy_and_a_free_one_is_fine()
    {
        Assert.Empty(Doctor().CheckPort(new SerialPortInfo("/dev/ttyACM0")));
        _proc.AddProcess(77, "ModemManager", "/dev/ttyACM0");
        Assert.Equal(DiagnosisIds.PortBusy, Assert.Single(Doctor().CheckPort(new SerialPortInfo("/dev/ttyACM0"))).Id);
    }

    [Fact]
    public void A_port_held_by_brltty_gets_the_brltty_advice()
    {
        _proc.AddProcess(900, "brltty", "/dev/ttyUSB0");
        Assert.Equal(DiagnosisIds.Brltty, Assert.Single(Doctor(access: PortAccessResult.Busy).CheckPort(new SerialPortInfo("/dev/ttyUSB0"))).Id);
    }

    [Fact]
    public void Hold_boot_explains_the_button_sequence_in_both_languages()
    {
        var d = PortDoctor.HoldBoot("/dev/ttyUSB0");
        Assert.Contains("BOOT", d.Fix.En);
        Assert.Contains("Ține apăsat butonul BOOT", d.Fix.Ro);
        BothLanguages(d);
    }

    [Fact]
    public void The_real_posix_probe_opens_dev_null_and_reports_a_missing_port()
    {
        if (OperatingSystem.IsWindows()) return;
        var access = new PosixPortAccess();
        Assert.Equal(PortAccessResult.Ok, access.TryOpen("/dev/null", mayOpen: true));
        Assert.Equal(PortAccessResult.Ok, access.TryOpen("/dev/null", mayOpen: false));
        Assert.Equal(PortAccessResult.Missing, access.TryOpen("/dev/ttyUSB-roboclub-does-not-exist", mayOpen: true));
    }
}
