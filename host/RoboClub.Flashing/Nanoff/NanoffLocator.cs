using System.Diagnostics;

namespace RoboClub.Flashing.Nanoff;

/// <summary>The outcome of looking for nanoff, or of installing it.</summary>
public sealed record NanoffStatus(NanoffTool? Tool, LocalText Message)
{
    public bool Found => Tool is not null;
}

/// <summary>
/// Finds nanoff (nanoFramework's flasher, a .NET tool) or installs it into the hub's data folder
/// with `dotnet tool install nanoff --tool-path {data}/tools`, so no administrator rights and no
/// global tool are needed. Order: the configured command, {data}/tools, PATH, ~/.dotnet/tools.
/// </summary>
public sealed class NanoffLocator(string dataDirectory, string? configuredCommand = null)
{
    public string ToolsDirectory => Path.Combine(dataDirectory, "tools");

    static string ExeName => OperatingSystem.IsWindows() ? "nanoff.exe" : "nanoff";

    public NanoffStatus Find()
    {
        if (!string.IsNullOrWhiteSpace(configuredCommand))
            return new(NanoffTool.Parse(configuredCommand), new("Using the configured nanoff command.", "Se folosește comanda nanoff configurată."));
        var candidates = new List<string> { Path.Combine(ToolsDirectory, ExeName) };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(Path.Combine(dir, ExeName));
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", ExeName));
        foreach (var c in candidates)
            if (File.Exists(c)) return new(new NanoffTool(c, []), new($"nanoff found: {c}", $"nanoff a fost găsit: {c}"));
        return new(null, NotFound);
    }

    public static readonly LocalText NotFound = new(
        "nanoff (nanoFramework's flasher) is not installed. Press 'Install nanoff' (needs internet once), or in a terminal: dotnet tool install -g nanoff",
        "nanoff (programul care scrie firmware-ul nanoFramework) nu este instalat. Apasă „Instalează nanoff” (are nevoie o dată de internet) sau, într-un terminal: dotnet tool install -g nanoff");

    /// <summary>Installs nanoff for this hub. Never throws: a failure comes back as plain words.</summary>
    public async Task<NanoffStatus> InstallAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(ToolsDirectory);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "tool", "install", "nanoff", "--tool-path", ToolsDirectory }) start.ArgumentList.Add(a);
        string output;
        int exit;
        try
        {
            using var process = Process.Start(start)!;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            try { await process.WaitForExitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
            output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            exit = process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new(null, new("The .NET SDK ('dotnet') is not on this computer, so nanoff cannot be installed. Install the .NET SDK from https://dot.net, then try again.",
                "SDK-ul .NET („dotnet”) nu este pe acest calculator, deci nanoff nu se poate instala. Instalează SDK-ul .NET de la https://dot.net, apoi încearcă din nou."));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, NoInternet);
        }
        var found = Find();
        if (exit == 0 && found.Found) return new(found.Tool, new("nanoff is installed.", "nanoff a fost instalat."));
        bool offline = output.Contains("NU1101", StringComparison.Ordinal) || output.Contains("Unable to load the service index", StringComparison.OrdinalIgnoreCase)
            || output.Contains("could not be found", StringComparison.OrdinalIgnoreCase) || output.Contains("No such host", StringComparison.OrdinalIgnoreCase);
        return new(null, offline ? NoInternet : new($"Installing nanoff failed: {Last(output)}", $"Instalarea nanoff a eșuat: {Last(output)}"));
    }

    public static readonly LocalText NoInternet = new(
        "nanoff could not be downloaded: this computer cannot reach nuget.org (no internet?). Connect it to the internet once and press 'Install nanoff' again, or copy the 'tools' folder from another RoboClub computer into the hub's data folder.",
        "nanoff nu a putut fi descărcat: calculatorul nu ajunge la nuget.org (nu are internet?). Conectează-l o dată la internet și apasă din nou „Instalează nanoff”, sau copiază dosarul „tools” de pe alt calculator RoboClub în dosarul de date al hubului.");

    static string Last(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
