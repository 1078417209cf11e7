using RoboClub.Flashing.Nanoff;

namespace RoboClub.Flashing.Tests;

/// <summary>The runner against fake-nanoff: real processes, real exit codes, realistic output.</summary>
public sealed class NanoffRunnerTests : IDisposable
{
    readonly FakeNanoffHost _fake = new();
    const string Port = "/dev/ttyUSB0";

    public void Dispose() => _fake.Dispose();

    static readonly FirmwareSource Online = new(null, false);

    [Fact]
    public async Task A_good_flash_reports_chip_mac_version_and_rising_percentages()
    {
        _fake.AddBoard(Port, chip: "ESP32-S3");
        var events = new List<NanoffEvent>();
        var result = await new NanoffRunner(_fake.Tool()).RunAsync(NanoffArguments.FlashRuntime(Port, null, Online), e => { lock (events) events.Add(e); });
        Assert.True(result.Ok, string.Join('\n', result.Log));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ESP32-S3", result.Chip);
        Assert.Matches("^24:0a:c4:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$", result.Mac);
        Assert.Equal("1.12.1.58", result.FirmwareVersion);
        var percents = events.Where(e => e.Kind == NanoffEventKind.Percent).Select(e => e.Percent).ToArray();
        Assert.Equal(21, percents.Length);
        Assert.Equal(percents.Order(), percents);
        Assert.Equal(100, percents[^1]);
    }

    [Theory]
    [InlineData("wrong-port", "E4005", 165)]
    [InlineData("chip-not-detected", "E4000", 160)]
    [InlineData("write-failed", "E4003", 163)]
    public async Task Failures_come_back_with_nanoffs_code_and_the_truncated_exit_code(string scenario, string code, int exit)
    {
        _fake.AddBoard(Port, scenario);
        var result = await new NanoffRunner(_fake.Tool()).RunAsync(NanoffArguments.FlashRuntime(Port, null, Online));
        Assert.False(result.Ok);
        Assert.Equal(code, result.Failure!.Code);
        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(result.Log, l => l.StartsWith($"Error {code}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silent_nanoff_is_killed_and_reported_as_a_timeout()
    {
        _fake.AddBoard(Port, "timeout");
        var started = DateTime.UtcNow;
        var result = await new NanoffRunner(_fake.Tool(), silenceTimeout: TimeSpan.FromSeconds(3)).RunAsync(NanoffArguments.FlashRuntime(Port, null, Online));
        Assert.Equal("timeout", result.Failure?.Code);
        Assert.True(result.Failure!.Retry);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromMinutes(2)); // the fake sleeps 10 minutes
    }

    [Fact]
    public async Task A_deploy_without_an_address_is_refused_by_the_fake_as_invalid_arguments()
    {
        _fake.AddBoard(Port);
        string image = Path.Combine(_fake.Folder, "RoboClub.bin");
        File.WriteAllBytes(image, [1, 2, 3]);
        var result = await new NanoffRunner(_fake.Tool()).RunAsync(["--platform", "esp32", "--serialport", Port, "--deploy", "--image", image]);
        Assert.Equal("E9000", result.Failure?.Code);
        Assert.Contains(result.Log, l => l.Contains("0x1B0000", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"name\":\"robot-01\",\"club\":\"club1\",\"hubHost\":\"hub.local\",\"profile\":\"robot-tb6612\"}", "unknown field \"name\"")]
    [InlineData("{\"board\":\"robot-01\",\"club\":\"club1\",\"hubHost\":\"hub.local\",\"profile\":\"robot\"}", "unknown profile \"robot\"")]
    public async Task A_roboclub_json_the_firmware_would_refuse_is_refused_by_the_fake_with_the_firmwares_reason(string json, string reason)
    {
        string board = _fake.AddBoard(Port);
        string source = Path.Combine(_fake.Folder, "roboclub.json");
        File.WriteAllText(source, json);
        string deployment = Path.Combine(_fake.Folder, "files.json");
        File.WriteAllText(deployment, DeploymentFiles.FileDeployment(Port, [(@"I:\roboclub.json", source)]));
        var result = await new NanoffRunner(_fake.Tool()).RunAsync(NanoffArguments.FileDeployment(deployment));
        Assert.Equal("E9000", result.Failure?.Code);
        Assert.Contains(result.Log, l => l.Contains(reason, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(board, "roboclub.json")));
    }

    [Fact]
    public async Task Flashing_from_an_empty_offline_archive_explains_how_to_fill_it()
    {
        _fake.AddBoard(Port);
        string archive = Path.Combine(_fake.Folder, "archive");
        Directory.CreateDirectory(archive);
        var runner = new NanoffRunner(_fake.Tool());
        var result = await runner.RunAsync(NanoffArguments.FlashRuntime(Port, null, new FirmwareSource(archive, true)));
        Assert.Equal("E9005", result.Failure?.Code);
        Assert.Contains("--update-archive", result.Failure!.Fix.En);

        Assert.True((await runner.RunAsync(NanoffArguments.UpdateArchive(archive))).Ok);
        Assert.NotEmpty(Directory.GetFiles(archive));
        Assert.True((await runner.RunAsync(NanoffArguments.FlashRuntime(Port, null, new FirmwareSource(archive, true)))).Ok);
    }

    [Fact]
    public async Task A_missing_nanoff_is_a_failure_with_install_advice_not_an_exception()
    {
        var result = await new NanoffRunner(new NanoffTool("/nonexistent/nanoff", [])).RunAsync(["--listports"]);
        Assert.Equal("nanoff-missing", result.Failure?.Code);
        Assert.Contains("dotnet tool install", result.Failure!.Problem.En);
    }

    [Fact]
    public void The_locator_prefers_the_configured_command_then_the_hubs_tools_folder()
    {
        using var data = new TempFolder();
        Assert.Equal("dotnet", new NanoffLocator(data.Path, "dotnet /x/fake-nanoff.dll").Find().Tool?.FileName);
        var locator = new NanoffLocator(data.Path);
        Directory.CreateDirectory(locator.ToolsDirectory);
        string exe = Path.Combine(locator.ToolsDirectory, OperatingSystem.IsWindows() ? "nanoff.exe" : "nanoff");
        File.WriteAllText(exe, "");
        Assert.Equal(exe, locator.Find().Tool?.FileName);
    }
}
