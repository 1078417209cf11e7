using System.Collections.Concurrent;
using System.Diagnostics;

namespace RoboClub.Mqtt.Tests.Support;

/// <summary>A third-party program (mosquitto_sub, python3 ...) run by a test, with its output
/// captured and a hard time limit so a test can never hang on it.</summary>
public sealed class ExternalProcess : IDisposable
{
    readonly Process _process;
    public ConcurrentQueue<string> Output { get; } = new();
    public ConcurrentQueue<string> Errors { get; } = new();

    ExternalProcess(Process p) => _process = p;

    public static ExternalProcess Start(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = new Process { StartInfo = psi };
        var ep = new ExternalProcess(p);
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) ep.Output.Enqueue(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) ep.Errors.Enqueue(e.Data); };
        if (!p.Start()) throw new InvalidOperationException($"could not start {file}");
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return ep;
    }

    /// <summary>Runs to completion and returns (exit code, stdout lines).</summary>
    public static async Task<(int ExitCode, string[] Output, string Errors)> RunAsync(TimeSpan timeout, string file, params string[] args)
    {
        using var p = Start(file, args);
        int code = await p.WaitAsync(timeout);
        return (code, p.Output.ToArray(), string.Join("\n", p.Errors));
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flush the output events
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.FileName} did not finish within {timeout}; output: {string.Join(" | ", Output)}; errors: {string.Join(" | ", Errors)}");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the program cannot say goodbye (an abrupt disconnect).</summary>
    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
