using System.Diagnostics;
using System.Text;

namespace RoboClub.Flashing.Nanoff;

/// <summary>
/// Runs nanoff once: arguments in, <see cref="NanoffEvent"/>s out as lines arrive (stdout and stderr),
/// a <see cref="NanoffResult"/> at the end. A run that prints nothing for <paramref name="silenceTimeout"/>
/// or lasts longer than <paramref name="totalTimeout"/> is killed and reported as a timeout.
/// </summary>
public sealed class NanoffRunner(NanoffTool tool, TimeSpan? silenceTimeout = null, TimeSpan? totalTimeout = null)
{
    public TimeSpan SilenceTimeout { get; } = silenceTimeout ?? TimeSpan.FromSeconds(90);
    public TimeSpan TotalTimeout { get; } = totalTimeout ?? TimeSpan.FromMinutes(8);

    public async Task<NanoffResult> RunAsync(IReadOnlyList<string> arguments, Action<NanoffEvent>? onEvent = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(tool.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // nanoff never asks, but a prompt must not wait on the hub's console
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in tool.PrefixArguments.Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NANOFF_TELEMETRY_OPTOUT"] = "1";

        var log = new List<string>();
        var parser = new NanoffOutputParser.Session();
        string? error = null, chip = null, mac = null, version = null;
        long lastOutput = Environment.TickCount64;
        var gate = new Lock();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                lastOutput = Environment.TickCount64;
                foreach (var e in parser.Read(line))
                {
                    switch (e.Kind)
                    {
                        case NanoffEventKind.Line: log.Add(e.Text); break;
                        case NanoffEventKind.Error: error ??= e.Text; break;
                        case NanoffEventKind.Chip: chip = e.Text; break;
                        case NanoffEventKind.Mac: mac = e.Text; break;
                        case NanoffEventKind.FirmwareVersion: version = e.Text; break;
                    }
                    onEvent?.Invoke(e);
                }
            }
        }

        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new NanoffResult(-1, new NanoffFailure("nanoff-missing", NanoffLocator.NotFound,
                new($"Could not start '{tool}': {e.Message}", $"„{tool}” nu a putut porni: {e.Message}"), Retry: false), log, null, null, null);
        }
        using (process)
        {
            process.OutputDataReceived += (_, e) => OnLine(e.Data);
            process.ErrorDataReceived += (_, e) => OnLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.StandardInput.Close();
            var began = Environment.TickCount64;
            bool timedOut = false;
            try
            {
                while (!process.HasExited)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    tick.CancelAfter(200);
                    try { await process.WaitForExitAsync(tick.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { }
                    long now = Environment.TickCount64, quiet;
                    lock (gate) quiet = now - lastOutput;
                    if (quiet > SilenceTimeout.TotalMilliseconds || now - began > TotalTimeout.TotalMilliseconds) { timedOut = true; break; }
                }
            }
            finally
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // drains the output
            lock (gate)
            {
                if (timedOut) return new NanoffResult(-1, NanoffFailures.Timeout, log.ToArray(), chip, mac, version);
                int exit = process.ExitCode;
                var failure = exit == 0 && error is null ? null : NanoffFailures.For(error, exit);
                return new NanoffResult(exit, failure, log.ToArray(), chip, mac, version);
            }
        }
    }
}
