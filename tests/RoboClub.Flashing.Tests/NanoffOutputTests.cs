using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Nanoff;

namespace RoboClub.Flashing.Tests;

/// <summary>nanoff's lines to events, its codes to failures, and the arguments RoboClub gives it.</summary>
public sealed class NanoffOutputTests
{
    static List<NanoffEvent> Parse(params string[] lines)
    {
        var session = new NanoffOutputParser.Session();
        return lines.SelectMany(session.Read).Where(e => e.Kind != NanoffEventKind.Line).ToList();
    }

    [Fact]
    public void Chip_mac_version_phases_and_percentages_are_understood()
    {
        var events = Parse("Reading details from chip...OK", "", "Connected to:", "ESP32-D0WD-V3 (revision 3)", "Features WiFi, BT",
            "MAC: 24:0A:C4:12:34:56", "Updating to 1.12.1.58", "Erasing flash...OK", "Writing at 0x00011000... (45 %)", "Writing at 0x00012000... (100 %)");
        Assert.Contains(new NanoffEvent(NanoffEventKind.Chip, "ESP32-D0WD-V3"), events);
        Assert.Contains(new NanoffEvent(NanoffEventKind.Mac, "24:0a:c4:12:34:56"), events);
        Assert.Contains(new NanoffEvent(NanoffEventKind.FirmwareVersion, "1.12.1.58"), events);
        Assert.Equal(["connect", "write", "erase", "write", "write"], events.Where(e => e.Kind == NanoffEventKind.Phase).Select(e => e.Text));
        Assert.Equal([45, 100], events.Where(e => e.Kind == NanoffEventKind.Percent).Select(e => e.Percent));
    }

    [Fact]
    public void An_error_line_gives_its_code_and_nothing_else()
    {
        var events = Parse("Error E4005: Failed to open specified COM port. (/dev/ttyUSB0 100 %)");
        Assert.Equal([new NanoffEvent(NanoffEventKind.Error, "E4005")], events);
    }

    [Fact]
    public void A_chip_name_counts_only_after_connected_to_or_chip_is()
    {
        Assert.DoesNotContain(Parse("Using ESP32 bootloader"), e => e.Kind == NanoffEventKind.Chip);
        Assert.Contains(Parse("Chip is ESP32-S3 (revision v0.2)"), e => e is { Kind: NanoffEventKind.Chip, Text: "ESP32-S3" });
    }

    [Theory]
    [InlineData("E4005", 0, "E4005", false)]
    [InlineData(null, 165, "E4005", false)]   // 4005 on Linux: low 8 bits
    [InlineData(null, 4003, "E4003", true)]   // Windows keeps the whole code
    [InlineData(null, 160, "E4000", true)]
    [InlineData("E9010", 50, "E9010", true)]
    [InlineData(null, 3, "exit-3", false)]
    public void Failures_are_found_from_the_printed_code_or_the_exit_code(string? printed, int exit, string code, bool retry)
    {
        var f = NanoffFailures.For(printed, exit);
        Assert.Equal(code, f.Code);
        Assert.Equal(retry, f.Retry);
        Assert.NotEqual(f.Problem.En, f.Problem.Ro);
    }

    [Fact]
    public void A_board_that_did_not_enter_its_bootloader_is_told_to_hold_boot()
    {
        var f = NanoffFailures.For("E4000", 160);
        Assert.Equal(DiagnosisIds.HoldBoot, f.DiagnosisId);
        Assert.Contains("BOOT", f.Fix.En);
        Assert.True(NanoffFailures.For("E4003", 163).SlowerRetry);
        Assert.Contains("arhiva offline", NanoffFailures.For("E9007", 47).Fix.Ro);
    }

    [Fact]
    public void Runtime_arguments_use_the_offline_archive_and_a_detected_or_explicit_target()
    {
        var offline = new FirmwareSource("/data/firmware/archive", FromArchive: true);
        Assert.Equal(["--update", "--platform", "esp32", "--serialport", "/dev/ttyUSB0", "--fromarchive", "--archivepath", "/data/firmware/archive", "--suppressnanoffversioncheck"],
            NanoffArguments.FlashRuntime("/dev/ttyUSB0", null, offline));
        Assert.Equal(["--update", "--target", "ESP32_S3", "--serialport", "COM5", "--baud", "115200", "--suppressnanoffversioncheck"],
            NanoffArguments.FlashRuntime("COM5", "ESP32_S3", new FirmwareSource(null, false), 115200));
    }

    [Fact]
    public void The_app_is_always_deployed_at_an_explicit_address()
    {
        var args = NanoffArguments.DeployApp("COM5", null, "RoboClub.bin", NanoffArguments.DefaultDeployAddress);
        int i = Array.IndexOf(args, "--address");
        Assert.True(i > 0);
        Assert.Equal("0x1E0000", args[i + 1]);
        Assert.Contains("--deploy", args);
    }

    [Fact]
    public void Deployment_json_has_nanoffs_documented_shape()
    {
        using var files = System.Text.Json.JsonDocument.Parse(DeploymentFiles.FileDeployment("COM5", [(@"I:\roboclub.json", @"C:\tmp\roboclub.json")]));
        Assert.Equal("COM5", files.RootElement.GetProperty("SerialPort").GetString());
        var file = Assert.Single(files.RootElement.GetProperty("Files").EnumerateArray().ToArray());
        Assert.Equal(@"I:\roboclub.json", file.GetProperty("DestinationFilePath").GetString());
        Assert.Equal(@"C:\tmp\roboclub.json", file.GetProperty("SourceFilePath").GetString());

        using var net = System.Text.Json.JsonDocument.Parse(DeploymentFiles.NetworkDeployment("/dev/ttyUSB0", "Biblioteca Județeană", "p\"ass"));
        var wifi = net.RootElement.GetProperty("WirelessClient");
        Assert.Equal("Biblioteca Județeană", wifi.GetProperty("SSID").GetString());
        Assert.Equal("p\"ass", wifi.GetProperty("Password").GetString());
    }
}
