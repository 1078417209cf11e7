using Microsoft.Extensions.Options;
using RoboClub.Flashing;
using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Nanoff;
using RoboClub.Flashing.Ports;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Flashing;

/// <summary>What the wizard's first screen checks: nanoff, the app image, the offline archive, the address boards get.</summary>
public sealed record FlashingStatus(bool NanoffFound, string? NanoffCommand, LocalText NanoffMessage, string AppImage, bool AppImagePresent,
    string ArchiveDirectory, int ArchiveFiles, string HubHost, int MqttPort, string Club, string Os, bool Lan);

/// <summary>
/// The hub's flashing tools: one batch at a time (one librarian, one PC), the port list with its
/// diagnoses, nanoff's installation and the offline firmware archive.
/// </summary>
public sealed class FlashingService(IOptions<FlashingSettings> flashing, IOptions<HubSettings> hub, HubConsole console, EmbeddedBroker broker,
    BoardRegistry registry, BoardInventory inventory, TimeProvider time, ILogger<FlashingService> logger)
{
    readonly Lock _gate = new();
    BatchSession? _session;
    CancellationTokenSource? _stop;
    Task? _run;
    NanoffTool? _installed;

    FlashingSettings S => flashing.Value;
    string Data => hub.Value.DataDirectory;

    public IPortScanner Scanner { get; } = PortScanners.ForThisMachine(flashing.Value.SysRoot);

    public PortDoctor Doctor { get; } = new(HostOsExtensions.Current, new PosixPortAccess(), new ProcessTable(flashing.Value.ProcRoot ?? "/proc"));

    NanoffLocator Locator => new(Data, S.Nanoff);

    public NanoffStatus FindNanoff() => _installed is { } t ? new(t, new("nanoff is installed.", "nanoff a fost instalat.")) : Locator.Find();

    public FlashingStatus Status()
    {
        var nanoff = FindNanoff();
        string app = S.AppImagePath(Data), archive = FlashingSettings.ArchiveDirectory(Data);
        return new(nanoff.Found, nanoff.Tool?.ToString(), nanoff.Message, app, File.Exists(app), archive,
            Directory.Exists(archive) ? Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories).Count() : 0,
            HubAddress.For(S.HubHost, console.LanUrl), broker.Broker.Port, hub.Value.Club, HostOsExtensions.Current.ToString().ToLowerInvariant(), hub.Value.Lan);
    }

    public async Task<NanoffStatus> InstallNanoffAsync(CancellationToken ct)
    {
        var status = await Locator.InstallAsync(TimeSpan.FromMinutes(3), ct).ConfigureAwait(false);
        if (status.Tool is not null) _installed = status.Tool;
        return status;
    }

    /// <summary>Downloads the ESP32 firmware packages into the data folder (needs internet once).</summary>
    public async Task<(bool Ok, LocalText Message)> UpdateArchiveAsync(CancellationToken ct)
    {
        if (FindNanoff().Tool is not { } tool) return (false, NanoffLocator.NotFound);
        string archive = FlashingSettings.ArchiveDirectory(Data);
        Directory.CreateDirectory(archive);
        var result = await new NanoffRunner(tool, totalTimeout: TimeSpan.FromMinutes(15)).RunAsync(NanoffArguments.UpdateArchive(archive), cancellationToken: ct).ConfigureAwait(false);
        return result.Ok
            ? (true, new("The offline firmware archive is up to date: boards can now be flashed without internet.", "Arhiva offline de firmware este la zi: plăcuțele se pot scrie acum și fără internet."))
            : (false, new($"{result.Failure!.Problem.En} {result.Failure.Fix.En}", $"{result.Failure.Problem.Ro} {result.Failure.Fix.Ro}"));
    }

    /// <summary>Each serial port with what is wrong with it, if anything.</summary>
    public IReadOnlyList<object> Ports(bool all)
    {
        var scan = Scanner.Scan();
        return scan.Ports.Where(p => all || p.LooksLikeBoard).Select(p => (object)new
        {
            path = p.Path, usbId = p.UsbId, chip = p.Bridge?.Chip, serialNumber = p.SerialNumber, product = p.Product, driver = p.Driver,
            looksLikeBoard = p.LooksLikeBoard, diagnoses = p.LooksLikeBoard ? Doctor.CheckPort(p, mayOpen: false) : [], // listing must not reset running boards
        }).ToArray();
    }

    public BatchView View { get { lock (_gate) return _session?.View ?? new BatchView(); } }

    /// <summary>Starts a batch, or says in both languages why it cannot start.</summary>
    public LocalText? Start(BatchRequest request)
    {
        if (!BoardKits.TryParse(request.Profile, out var kit))
            return new("Choose the kit: a robot or a weather station, and its driver or sensor.", "Alege trusa: robot sau stație meteo, și driverul sau senzorul ei.");
        string ssid = request.WifiSsid?.Trim() ?? "";
        if (ssid.Length is 0 or > 32) return new("Type the name of the library's Wi-Fi (1–32 characters).", "Scrie numele rețelei Wi-Fi a bibliotecii (1–32 de caractere).");
        if (request.WifiPassword is { Length: > 0 and < 8 } or { Length: > 63 })
            return new("A Wi-Fi password has 8 to 63 characters (leave it empty for an open network).", "O parolă Wi-Fi are între 8 și 63 de caractere (lasă gol pentru o rețea deschisă).");
        if (request.Count is < 1 or > 200) return new("The number of boards must be between 1 and 200.", "Numărul de plăcuțe trebuie să fie între 1 și 200.");
        string club = string.IsNullOrWhiteSpace(request.Club) ? hub.Value.Club : request.Club.Trim();
        if (club != hub.Value.Club) return new($"This hub serves the club '{hub.Value.Club}'; boards of another club would not appear here.", $"Acest hub servește clubul „{hub.Value.Club}”; plăcuțele altui club nu ar apărea aici.");
        if (BoardConfigFile.CheckHubHost(HubAddress.For(S.HubHost, console.LanUrl)) is { } badHost) return badHost;
        if (FindNanoff().Tool is not { } tool) return NanoffLocator.NotFound;
        string app = S.AppImagePath(Data);
        if (!File.Exists(app))
            return new($"The RoboClub app image is missing: put RoboClub.bin (built from firmware/RoboClub.Firmware.Esp32, see docs/flashing.md) at {app}.",
                $"Lipsește imaginea aplicației RoboClub: pune RoboClub.bin (construit din firmware/RoboClub.Firmware.Esp32, vezi docs/flashing.md) la {app}.");
        string archive = FlashingSettings.ArchiveDirectory(Data);
        bool fromArchive = Directory.Exists(archive) && Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories).Any();
        lock (_gate)
        {
            if (_session?.View.Running == true) return new("A batch is already running: stop it first.", "Deja rulează o serie: oprește-o mai întâi.");
            var context = new BatchContext(Scanner, Doctor, new NanoffRunner(tool), inventory, new RegistryOnlineWaiter(registry),
                () => registry.Boards.Select(b => b.Board), app, new FirmwareSource(archive, fromArchive), HubAddress.For(S.HubHost, console.LanUrl), broker.Broker.Port,
                S.DeployAddressValue, TimeSpan.FromMilliseconds(Math.Max(50, S.PollMs)), TimeSpan.FromSeconds(S.OnlineTimeoutSeconds), TimeSpan.FromMilliseconds(S.SettleMs), time);
            _stop = new CancellationTokenSource();
            _session = new BatchSession(context, request with { Profile = kit.Id(), WifiSsid = ssid, Club = club }, kit, club);
            var session = _session;
            var stop = _stop.Token;
            _run = Task.Run(async () =>
            {
                try { await session.RunAsync(stop).ConfigureAwait(false); }
                catch (Exception e) { logger.LogError(e, "flashing batch failed"); }
            }, CancellationToken.None);
        }
        return null;
    }

    public void Act(string action)
    {
        lock (_gate) _session?.Act(action);
    }

    public async Task StopAsync()
    {
        Task? run;
        lock (_gate)
        {
            _stop?.Cancel();
            run = _run;
        }
        if (run is not null) await run.ConfigureAwait(false);
    }
}
