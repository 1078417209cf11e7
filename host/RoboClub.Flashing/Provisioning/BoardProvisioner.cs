using RoboClub.Flashing.Nanoff;

namespace RoboClub.Flashing.Provisioning;

/// <summary>
/// Provisions one board through nanoff: (1) the nanoFramework runtime, (2) the RoboClub app at an
/// explicit address, (3) Wi-Fi (--networkdeployment) and I:\roboclub.json (--filedeployment),
/// (4) waits for the board to come online on the hub. A step whose failure is known to go away on a
/// second try is retried once (slower when a write failed). The temporary files holding passwords are
/// deleted whatever happens.
/// </summary>
public sealed class BoardProvisioner(NanoffRunner nanoff, IBoardOnlineWaiter? waiter = null)
{
    public TimeSpan OnlineTimeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>A board just flashed reboots; give nanoCLR a moment before talking to it over its wire protocol.</summary>
    public TimeSpan SettleDelay { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<ProvisioningResult> RunAsync(ProvisioningRequest request, IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken = default)
    {
        var log = new List<string>();
        string? chip = null, mac = null, version = null;
        string temp = Directory.CreateTempSubdirectory("roboclub-flash-").FullName;
        try
        {
            // part/parts: a step made of several nanoff runs (Wi-Fi, then the file) shares its span of the bar.
            async Task<NanoffFailure?> Step(ProvisioningStep step, Func<int?, string[]> args, int part = 0, int parts = 1)
            {
                var (stepStart, stepSize) = step.Span();
                int start = stepStart + stepSize * part / parts, size = stepSize / parts;
                progress?.Report(new(step, start, step.Title()));
                int? baud = null;
                for (int attempt = 1; ; attempt++)
                {
                    var result = await nanoff.RunAsync(args(baud), e =>
                    {
                        if (e.Kind == NanoffEventKind.Line) progress?.Report(new(step, -1, step.Title(), e.Text));
                        else if (e.Kind == NanoffEventKind.Percent) progress?.Report(new(step, start + size * e.Percent / 100, step.Title()));
                    }, cancellationToken).ConfigureAwait(false);
                    log.AddRange(result.Log);
                    chip ??= result.Chip;
                    mac ??= result.Mac;
                    version ??= result.FirmwareVersion;
                    if (result.Ok) { progress?.Report(new(step, start + size, step.Title())); return null; }
                    if (attempt > 1 || !result.Failure!.Retry) return result.Failure;
                    if (result.Failure.SlowerRetry) baud = 115200;
                    progress?.Report(new(step, start, new($"{result.Failure.Problem.En} Trying once more…", $"{result.Failure.Problem.Ro} Se mai încearcă o dată…")));
                    await Task.Delay(SettleDelay, cancellationToken).ConfigureAwait(false);
                }
            }

            ProvisioningResult Fail(ProvisioningStep step, NanoffFailure failure) => new(false, step, failure, chip, mac, version, false, log);
            string port = request.Port;
            void Relocate()
            {
                string now = request.FindPortAgain?.Invoke(port) ?? port;
                if (now != port) log.Add($"(the board moved from {port} to {now})");
                port = now;
            }

            if (!request.SkipRuntime &&
                await Step(ProvisioningStep.Runtime, baud => NanoffArguments.FlashRuntime(port, request.Target, request.Firmware, baud)).ConfigureAwait(false) is { } f1)
                return Fail(ProvisioningStep.Runtime, f1);
            Relocate();
            if (await Step(ProvisioningStep.App, baud => NanoffArguments.DeployApp(port, request.Target, request.AppImage, request.DeployAddress, baud)).ConfigureAwait(false) is { } f2)
                return Fail(ProvisioningStep.App, f2);

            await Task.Delay(SettleDelay, cancellationToken).ConfigureAwait(false);
            Relocate();
            string network = Path.Combine(temp, "network.json"), config = Path.Combine(temp, "roboclub.json"), files = Path.Combine(temp, "files.json");
            await WritePrivateAsync(network, DeploymentFiles.NetworkDeployment(port, request.WifiSsid, request.WifiPassword)).ConfigureAwait(false);
            await WritePrivateAsync(config, request.Config.ToJson()).ConfigureAwait(false);
            await WritePrivateAsync(files, DeploymentFiles.FileDeployment(port, [(BoardConfigFile.BoardPath, config)])).ConfigureAwait(false);
            if (await Step(ProvisioningStep.Settings, _ => NanoffArguments.NetworkDeployment(network), 0, 2).ConfigureAwait(false) is { } f3)
                return Fail(ProvisioningStep.Settings, f3);
            if (await Step(ProvisioningStep.Settings, _ => NanoffArguments.FileDeployment(files), 1, 2).ConfigureAwait(false) is { } f4)
                return Fail(ProvisioningStep.Settings, f4);

            bool online = false;
            if (waiter is not null)
            {
                var (start, size) = ProvisioningStep.Online.Span();
                progress?.Report(new(ProvisioningStep.Online, start, ProvisioningStep.Online.Title()));
                online = await waiter.WaitOnlineAsync(request.Config.Board, OnlineTimeout, cancellationToken).ConfigureAwait(false);
                progress?.Report(new(ProvisioningStep.Online, online ? start + size : start,
                    online ? new($"{request.Config.Board} is online.", $"{request.Config.Board} este conectată.") : NotOnline(request)));
            }
            return new ProvisioningResult(true, ProvisioningStep.Online, null, chip, mac, version, online, log);
        }
        finally
        {
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }

    public static LocalText NotOnline(ProvisioningRequest r) => new(
        $"The board was written but has not reached the hub yet. Check the Wi-Fi name and password ({r.WifiSsid}), that the board is within range, and that this computer's firewall lets in port {r.Config.HubPort}. It will show up by itself once it connects.",
        $"Plăcuța a fost scrisă, dar încă nu a ajuns la hub. Verifică numele și parola Wi-Fi ({r.WifiSsid}), că plăcuța este în raza rețelei și că firewall-ul acestui calculator lasă să intre portul {r.Config.HubPort}. Va apărea singură când se conectează.");

    static async Task WritePrivateAsync(string path, string text)
    {
        await File.WriteAllTextAsync(path, text).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
