using System.CommandLine;
using RoboClub.Flashing;
using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Nanoff;
using RoboClub.Flashing.Ports;
using RoboClub.Flashing.Provisioning;
using Spectre.Console;

namespace RoboClub.Hub.Flashing;

/// <summary>
/// `roboclub flash`: the wizard's batch on the command line. Plug boards in one after another; each
/// gets nanoFramework, the RoboClub app, Wi-Fi and its roboclub.json, and goes into the inventory
/// (the same SQLite file the hub uses). A running hub (--hub) tells when a board comes online.
/// </summary>
internal sealed class FlashCommand : Command
{
    readonly Option<string> _profile = new("--profile", "--kit")
    {
        Description = "The kit: robot-tb6612, robot-l298n, weather-bme280 or weather-dht22 (docs/boards.md); robot or weather alone mean robot-tb6612 or weather-bme280",
        DefaultValueFactory = _ => BoardKits.Default(BoardKind.Robot).Id(),
    };
    readonly Option<string?> _ssid = new("--wifi-ssid") { Description = "The library's Wi-Fi name, written to each board" };
    readonly Option<string?> _wifiPassword = new("--wifi-password") { Description = "Wi-Fi password (or set ROBOCLUB_WIFI_PASSWORD; asked when missing)" };
    readonly Option<string?> _port = new("--port") { Description = "Flash only this port (e.g. COM5, /dev/ttyUSB0); default: each new board plugged in" };
    readonly Option<int?> _count = new("--count", "-n") { Description = "Stop after this many boards (default: until Ctrl+C); 1 with --port" };
    readonly Option<bool> _present = new("--include-present") { Description = "Also flash boards already plugged in when the command starts" };
    readonly Option<string> _club = new("--club") { Description = "Club name (the hub's --club)", DefaultValueFactory = _ => "club1" };
    readonly Option<string?> _hubHost = new("--hub-host") { Description = "Address boards use to reach the hub (default: this PC's network address)" };
    readonly Option<int> _mqttPort = new("--mqtt-port") { Description = "The hub's MQTT port boards connect to", DefaultValueFactory = _ => 1883 };
    readonly Option<string> _hub = new("--hub") { Description = "A running hub, asked whether boards came online", DefaultValueFactory = _ => "http://localhost:5180/" };
    readonly Option<FileInfo?> _app = new("--app") { Description = "RoboClub app image (default: {data}/firmware/RoboClub.bin)" };
    readonly Option<string?> _target = new("--target") { Description = "nanoFramework target (ESP32_REV0, ESP32_S3, ...); default: nanoff detects it" };
    readonly Option<string> _address = new("--address") { Description = "Deployment address of the app", DefaultValueFactory = _ => "0x1E0000" };
    readonly Option<DirectoryInfo?> _data = new("--data") { Description = "The hub's data folder (inventory, firmware archive, nanoff)" };
    readonly Option<string?> _nanoff = new("--nanoff") { Description = "How to start nanoff (default: find it)" };
    readonly Option<bool> _install = new("--install-nanoff") { Description = "Install nanoff into the data folder and exit" };
    readonly Option<bool> _archive = new("--update-archive") { Description = "Download the ESP32 firmware into the offline archive and exit (needs internet once)" };
    readonly Option<int> _onlineSeconds = new("--online-timeout") { Description = "Seconds to wait for each board to reach the hub", DefaultValueFactory = _ => 120 };
    readonly Option<string> _lang = new("--lang") { Description = "ro or en", DefaultValueFactory = _ => "ro" };
    readonly Option<string?> _sysRoot = new("--sys-root") { Description = "Read a fake Linux /sys tree from this folder (tests, demos)", Hidden = true };

    public FlashCommand() : base("flash", "Flash and provision ESP32 boards one after another: nanoFramework, the RoboClub app, Wi-Fi, roboclub.json; record them in the inventory")
    {
        foreach (var o in new Option[] { _profile, _ssid, _wifiPassword, _port, _count, _present, _club, _hubHost, _mqttPort, _hub, _app, _target, _address, _data, _nanoff, _install, _archive, _onlineSeconds, _lang, _sysRoot })
            Options.Add(o);
        _profile.AcceptOnlyFromAmong([.. BoardKits.All.Select(k => k.Id()), "robot", "weather", "meteo"]);
        _lang.AcceptOnlyFromAmong("ro", "en");
        SetAction((p, ct) => RunAsync(p, ct));
    }

    async Task<int> RunAsync(ParseResult p, CancellationToken ct)
    {
        string lang = p.GetValue(_lang)!;
        string data = p.GetValue(_data)?.FullName ?? Program.DefaultDataDirectory;
        void Say(LocalText text, string colour = "white") => AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(text.In(lang))}[/]");
        var locator = new NanoffLocator(data, p.GetValue(_nanoff));
        if (p.GetValue(_install))
        {
            var installed = await AnsiConsole.Status().StartAsync(lang == "ro" ? "Se instalează nanoff…" : "Installing nanoff…", _ => locator.InstallAsync(TimeSpan.FromMinutes(3), ct));
            Say(installed.Message, installed.Found ? "green" : "red");
            return installed.Found ? 0 : 1;
        }
        if (locator.Find().Tool is not { } tool) { Say(NanoffLocator.NotFound, "red"); return 1; }
        string archive = FlashingSettings.ArchiveDirectory(data);
        if (p.GetValue(_archive))
        {
            Directory.CreateDirectory(archive);
            var r = await new NanoffRunner(tool, totalTimeout: TimeSpan.FromMinutes(15)).RunAsync(NanoffArguments.UpdateArchive(archive), e => { if (e.Kind == NanoffEventKind.Line) AnsiConsole.WriteLine(e.Text); }, ct);
            if (!r.Ok) { Say(r.Failure!.Problem, "red"); Say(r.Failure.Fix); return 1; }
            Say(new($"Offline archive ready: {archive}", $"Arhiva offline este gata: {archive}"), "green");
            return 0;
        }
        string app = p.GetValue(_app)?.FullName ?? new FlashingSettings().AppImagePath(data);
        if (!File.Exists(app))
        {
            Say(new($"The RoboClub app image is missing: {app} (build firmware/RoboClub.Firmware.Esp32, see docs/flashing.md).",
                $"Lipsește imaginea aplicației RoboClub: {app} (construiește firmware/RoboClub.Firmware.Esp32, vezi docs/flashing.md)."), "red");
            return 1;
        }
        string? ssid = p.GetValue(_ssid);
        if (string.IsNullOrWhiteSpace(ssid))
        {
            if (Console.IsInputRedirected) { Say(new("--wifi-ssid is required.", "--wifi-ssid este obligatoriu."), "red"); return 1; }
            ssid = AnsiConsole.Ask<string>(lang == "ro" ? "Numele rețelei Wi-Fi:" : "Wi-Fi name:");
        }
        string? wifiPassword = p.GetValue(_wifiPassword) ?? Environment.GetEnvironmentVariable("ROBOCLUB_WIFI_PASSWORD");
        if (wifiPassword is null && !Console.IsInputRedirected)
            wifiPassword = AnsiConsole.Prompt(new TextPrompt<string>(lang == "ro" ? "Parola Wi-Fi (gol = rețea deschisă):" : "Wi-Fi password (empty = open network):").Secret().AllowEmpty());
        string hubHost = HubAddress.For(p.GetValue(_hubHost), null);
        if (BoardConfigFile.CheckHubHost(hubHost) is { } badHost) { Say(badHost, "red"); return 1; }
        BoardKits.TryParse(p.GetValue(_profile), out var kit);
        Say(new($"Kit: {kit.Label().En} ({kit.Id()})", $"Trusă: {kit.Label().Ro} ({kit.Id()})"));
        uint address = uint.Parse(p.GetValue(_address)!.Replace("0x", "", StringComparison.OrdinalIgnoreCase), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

        IPortScanner scanner = PortScanners.ForThisMachine(p.GetValue(_sysRoot));
        string? onlyPort = p.GetValue(_port);
        if (onlyPort is not null) scanner = new FilteredScanner(scanner, onlyPort);
        var hub = new Uri(p.GetValue(_hub)!);
        var taken = await HttpOnlineWaiter.BoardNamesAsync(hub);
        var context = new BatchContext(scanner, PortDoctor.ForThisMachine(), new NanoffRunner(tool), new BoardInventory(Path.Combine(data, "inventory.db")),
            new HttpOnlineWaiter(hub), () => taken, app, new FirmwareSource(archive, Directory.Exists(archive) && Directory.EnumerateFiles(archive).Any()),
            hubHost, p.GetValue(_mqttPort), address, TimeSpan.FromMilliseconds(300),
            TimeSpan.FromSeconds(p.GetValue(_onlineSeconds)), TimeSpan.FromSeconds(2), TimeProvider.System);
        var request = new BatchRequest(kit.Id(), p.GetValue(_club), ssid, wifiPassword ?? "", onlyPort is null ? p.GetValue(_count) : 1,
            onlyPort is not null || p.GetValue(_present), p.GetValue(_target));
        var session = new BatchSession(context, request, kit, p.GetValue(_club)!);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = session.RunAsync(stop.Token);
        int failures = await ShowAsync(session, run, lang, stop, singleBoard: onlyPort is not null);
        await run;
        var done = session.View.Done;
        Say(new($"{done.Count} boards ready: {string.Join(", ", done.Select(d => d.Name))}. Labels: the hub's page, tab New boards.",
            $"{done.Count} plăcuțe gata: {string.Join(", ", done.Select(d => d.Name))}. Etichete: pagina hubului, fila Plăcuțe noi."), "green");
        return failures == 0 ? 0 : 2;
    }

    /// <summary>Draws the batch as it goes: a progress bar per board, problems with their fix, a prompt to retry or skip.</summary>
    static async Task<int> ShowAsync(BatchSession session, Task run, string lang, CancellationTokenSource stop, bool singleBoard)
    {
        int failures = 0;
        long shown = -1;
        BatchState last = BatchState.Idle;
        while (!run.IsCompleted)
        {
            var v = session.View;
            if (v.State is BatchState.Flashing or BatchState.WaitingOnline)
            {
                await AnsiConsole.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask(Markup.Escape(v.Board ?? ""), maxValue: 100);
                        while (!run.IsCompleted && session.View is { State: BatchState.Flashing or BatchState.WaitingOnline } now)
                        {
                            task.Value = now.Percent;
                            task.Description = Markup.Escape(now.Message?.In(lang) ?? "");
                            await Task.Delay(150);
                        }
                        task.Value = session.View.State == BatchState.Problem ? task.Value : 100;
                    });
                continue;
            }
            if (v.Version != shown && (v.State != last || v.State == BatchState.Problem))
            {
                shown = v.Version;
                last = v.State;
                if (v.Message is { } m) AnsiConsole.MarkupLine($"[bold]{Markup.Escape(m.In(lang))}[/]");
                if (v.Failure is { } f) AnsiConsole.MarkupLine($"  [bold]→[/] {Markup.Escape(f.Fix.In(lang))} [grey]({f.Code})[/]");
                foreach (var d in v.Diagnoses)
                {
                    AnsiConsole.MarkupLine($"  [red]✗[/] {Markup.Escape(d.Problem.In(lang))}");
                    AnsiConsole.MarkupLine($"    [bold]→[/] {Markup.Escape(d.Fix.In(lang))}");
                }
                if (v.State == BatchState.Problem)
                {
                    // Nobody to ask: give up on this board; one named port: nothing else to do, so stop.
                    if (Console.IsInputRedirected) { failures++; if (singleBoard) await stop.CancelAsync(); else session.Act("skip"); }
                    else
                    {
                        string retry = lang == "ro" ? "Încearcă din nou" : "Try again", skip = lang == "ro" ? "Sari peste" : "Skip", quit = lang == "ro" ? "Oprește" : "Stop";
                        string choice = await new SelectionPrompt<string>().AddChoices(retry, skip, quit).ShowAsync(AnsiConsole.Console, stop.Token);
                        if (choice == quit) { failures++; await stop.CancelAsync(); }
                        else if (choice == skip && singleBoard) { failures++; await stop.CancelAsync(); }
                        else { if (choice == skip) failures++; session.Act(choice == retry ? "retry" : "skip"); }
                    }
                }
            }
            await Task.Delay(200);
        }
        return failures;
    }
}
