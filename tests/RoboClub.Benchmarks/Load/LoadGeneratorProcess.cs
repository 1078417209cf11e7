using System.Diagnostics;
using System.Threading.Channels;

namespace RoboClub.Benchmarks.Load;

/// <summary>The load generator (`load-boards`, this benchmark's own binary) as a child process, talked to by lines.</summary>
sealed class LoadGeneratorProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    LoadGeneratorProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } l) _lines.Writer.TryWrite(l); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) _lines.Writer.TryWrite("stderr: " + l); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static LoadGeneratorProcess Start(int mqttPort, int boards, string club)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { typeof(LoadGenerator).Assembly.Location, "load-boards", "--port", mqttPort.ToString(), "--boards", boards.ToString(), "--club", club })
            psi.ArgumentList.Add(a);
        return new LoadGeneratorProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start the load generator"));
    }

    public TimeSpan CpuTime
    {
        get
        {
            if (_process.HasExited) return TimeSpan.Zero;
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The next line starting with <paramref name="prefix"/>; a line starting "error" fails.</summary>
    public async Task<string> WaitForAsync(string prefix, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var skipped = new List<string>();
        try
        {
            while (true)
            {
                string line = await _lines.Reader.ReadAsync(cts.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
                if (line.StartsWith("error", StringComparison.Ordinal)) throw new InvalidOperationException("load generator: " + line);
                skipped.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the load generator did not say \"{prefix}\" within {timeout.TotalSeconds:0} s; it said:{Environment.NewLine}{string.Join(Environment.NewLine, skipped.TakeLast(20))}");
        }
    }

    public Task SendAsync(string line) => _process.StandardInput.WriteLineAsync(line);

    /// <summary>Samples the boards have published so far.</summary>
    public async Task<long> SamplesSentAsync()
    {
        await SendAsync("count");
        return long.Parse((await WaitForAsync("count", TimeSpan.FromSeconds(30))).Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close(); // end of input: a generator still waiting for "drain" stops
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try { await _process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
            }
        }
        finally { _process.Dispose(); }
    }
}
