using RoboClub.Flashing.Nanoff;

namespace RoboClub.Flashing.Tests;

/// <summary>
/// fake-nanoff (tests/RoboClub.Flashing.FakeNanoff, copied next to the tests) with its own folders for
/// fake boards and state. Its environment is passed per run through a wrapper script, so parallel
/// tests never share variables.
/// </summary>
public sealed class FakeNanoffHost : IDisposable
{
    readonly TempFolder _folder = new();

    public string Devices => _folder.Combine("devices");
    public string State => _folder.Combine("state");
    public string Folder => _folder.Path;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "fake-nanoff.dll");

    public FakeNanoffHost(string scenario = "ok")
    {
        Directory.CreateDirectory(Devices);
        Directory.CreateDirectory(State);
        Scenario = scenario;
    }

    public string Scenario { get; set; }

    /// <summary>A board plugged in at <paramref name="port"/> (the fake refuses ports without one).</summary>
    public string AddBoard(string port, string? scenario = null, string? chip = null)
    {
        string dir = Path.Combine(Devices, port.Replace('/', '_'));
        Directory.CreateDirectory(dir);
        if (scenario is not null) File.WriteAllText(Path.Combine(dir, "scenario"), scenario);
        if (chip is not null) File.WriteAllText(Path.Combine(dir, "chip"), chip);
        return dir;
    }

    /// <summary>A shell script that sets the fake's environment and runs it: what a NanoffTool starts.</summary>
    public NanoffTool Tool()
    {
        string script = _folder.Combine("nanoff.sh");
        File.WriteAllText(script, $"""
            #!/bin/sh
            export FAKE_NANOFF_DEVICES='{Devices}' FAKE_NANOFF_STATE='{State}' FAKE_NANOFF_SCENARIO='{Scenario}' FAKE_NANOFF_DELAY_MS=1
            exec dotnet '{Dll}' "$@"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new NanoffTool(script, []);
    }

    public string[][] Calls() => File.Exists(Path.Combine(State, "calls.log"))
        ? File.ReadAllLines(Path.Combine(State, "calls.log")).Select(l => l.Split('\t')).ToArray()
        : [];

    public void Dispose() => _folder.Dispose();
}
