using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RoboClub.Hub.Tests;

/// <summary>`dotnet roboclub.dll ARGS` as a child process, with its output collected line by line.</summary>
internal sealed class RoboclubProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _lines = new();
    readonly SemaphoreSlim _lineAdded = new(0);

    RoboclubProcess(Process process) => _process = process;

    public static RoboclubProcess Start(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "roboclub.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing (the test project references RoboClub.Hub)");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = psi };
        var result = new RoboclubProcess(process);
        process.OutputDataReceived += (_, e) => result.Add(e.Data, "");
        process.ErrorDataReceived += (_, e) => result.Add(e.Data, "stderr: ");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    void Add(string? line, string prefix)
    {
        if (line is null) return;
        _lines.Enqueue(prefix + line);
        _lineAdded.Release();
    }

    public int Id => _process.Id;
    public string Output => string.Join("\n", _lines);

    /// <summary>Waits for an output line matching <paramref name="pattern"/> and returns the match.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var line in _lines)
            {
                var m = regex.Match(line);
                if (m.Success) return m;
            }
            if (_process.HasExited && _lineAdded.CurrentCount == 0)
            {
                await Task.Delay(200); // let the last lines arrive
                foreach (var line in _lines) if (regex.Match(line) is { Success: true } m) return m;
                Assert.Fail($"roboclub exited with {_process.ExitCode} before printing /{pattern}/. Output:\n{Output}");
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) Assert.Fail($"roboclub did not print /{pattern}/ within {timeout}. Output:\n{Output}");
            await _lineAdded.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Sends a POSIX signal (TERM, INT, HUP) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"roboclub did not exit within {timeout}. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>Runs a command-line tool (mosquitto_pub, mosquitto_sub) with a time limit.</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await stdout, await stderr + $"\n(killed after {timeout})");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Process Start(string program, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }
}
