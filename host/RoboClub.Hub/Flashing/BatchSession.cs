using RoboClub.Flashing;
using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Nanoff;
using RoboClub.Flashing.Ports;
using RoboClub.Flashing.Provisioning;

namespace RoboClub.Hub.Flashing;

/// <summary>Everything a batch needs that does not change while it runs.</summary>
public sealed record BatchContext(
    IPortScanner Scanner, PortDoctor Doctor, NanoffRunner Nanoff, BoardInventory Inventory, IBoardOnlineWaiter Waiter,
    Func<IEnumerable<string>> TakenNames, string AppImage, FirmwareSource Firmware, string HubHost, int HubPort,
    uint DeployAddress, TimeSpan Poll, TimeSpan OnlineTimeout, TimeSpan Settle, TimeProvider Time);

/// <summary>
/// "Plug in the next board" as a loop: wait for a new board port, check it can be opened, name it,
/// give it fresh credentials, provision it through nanoff, record it in the inventory (hash only),
/// wait for it on the hub, ask for it to be unplugged — and again, until the count is reached or the
/// librarian stops. On a problem it waits for Try again, Skip, or the board being unplugged.
/// </summary>
public sealed class BatchSession(BatchContext context, BatchRequest request, BoardKit kit, string club)
{
    readonly Lock _gate = new();
    BatchView _view = new() { State = BatchState.Idle, Running = true, Profile = kit.Id(), Club = club, Count = request.Count };
    TaskCompletionSource<string> _action = NewAction();
    readonly List<string> _log = [];
    FirmwareSource _firmware = context.Firmware;

    static TaskCompletionSource<string> NewAction() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BatchView View { get { lock (_gate) return _view; } }

    /// <summary>"retry", "skip" or "help" from the page.</summary>
    public void Act(string action)
    {
        lock (_gate) _action.TrySetResult(action);
    }

    void Set(Func<BatchView, BatchView> change)
    {
        lock (_gate) _view = change(_view) with { Version = _view.Version + 1, Log = _log.ToArray() };
    }

    void Log(string line)
    {
        lock (_gate)
        {
            _log.Add(line);
            if (_log.Count > 200) _log.RemoveAt(0);
        }
    }

    string? TakeAction()
    {
        lock (_gate)
        {
            if (!_action.Task.IsCompleted) return null;
            string a = _action.Task.Result;
            _action = NewAction();
            return a;
        }
    }

    Task<string> NextAction() { lock (_gate) return _action.Task; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new List<BatchBoard>();
        var handled = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await FillArchiveAsync(cancellationToken).ConfigureAwait(false);
            var start = context.Scanner.Scan();
            if (!request.IncludePresent) foreach (var b in start.Boards) handled.Add(b.Key);
            while (request.Count is not { } count || done.Count < count)
            {
                var port = await WaitForNewBoardAsync(handled, done.Count, cancellationToken).ConfigureAwait(false);
                handled.Add(port.Key);
                var board = await ProvisionAsync(port, done, cancellationToken).ConfigureAwait(false);
                if (board is not null)
                {
                    done.Add(board);
                    Set(v => v with { Done = done.ToArray() });
                    bool last = request.Count is { } n && done.Count >= n;
                    if (!last) await WaitUnpluggedAsync(port, cancellationToken).ConfigureAwait(false);
                }
            }
            Set(v => v with
            {
                State = BatchState.Done, Running = false, Board = null, Port = null, Diagnoses = [], Failure = null,
                Message = new($"Done: {done.Count} boards are ready. Print their labels.", $"Gata: {done.Count} plăcuțe sunt pregătite. Tipărește-le etichetele."),
            });
        }
        catch (OperationCanceledException)
        {
            Set(v => v with { State = BatchState.Stopped, Running = false, Message = new("Stopped.", "Oprit.") });
        }
    }

    /// <summary>
    /// An empty offline archive is filled before the first board (when there is internet), so every board
    /// of the batch flashes from it and the next batch works without internet. Offline, the batch goes on:
    /// nanoff then explains per board that the firmware cannot be downloaded.
    /// </summary>
    async Task FillArchiveAsync(CancellationToken ct)
    {
        if (_firmware.FromArchive || _firmware.ArchiveDirectory is not { } dir) return;
        Set(v => v with
        {
            State = BatchState.Preparing,
            Message = new("Downloading the nanoFramework firmware into the offline archive (once)…", "Se descarcă firmware-ul nanoFramework în arhiva offline (o singură dată)…"),
        });
        Directory.CreateDirectory(dir);
        var result = await context.Nanoff.RunAsync(NanoffArguments.UpdateArchive(dir), e => { if (e.Kind == NanoffEventKind.Line) Log(e.Text); }, ct).ConfigureAwait(false);
        if (result.Ok && Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Any()) _firmware = new FirmwareSource(dir, FromArchive: true);
        else Log($"(offline archive not filled: {result.Failure?.Code}; each board downloads its firmware)");
    }

    async Task<SerialPortInfo> WaitForNewBoardAsync(HashSet<string> handled, int doneCount, CancellationToken ct)
    {
        var before = context.Scanner.Scan();
        string ordinal = request.Count is { } c ? $" ({doneCount + 1}/{c})" : "";
        Set(v => v with
        {
            State = BatchState.WaitingForBoard, Board = null, Port = null, Step = 0, Percent = 0, Failure = null, Diagnoses = [],
            Message = new($"Plug in the next board{ordinal}.", $"Conectează următoarea plăcuță{ordinal}."),
        });
        bool helpAsked = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var now = context.Scanner.Scan();
            handled.IntersectWith(now.Boards.Select(b => b.Key)); // unplugged boards may come back
            if (now.Boards.FirstOrDefault(b => !handled.Contains(b.Key)) is { } fresh) return fresh;
            if (TakeAction() == "help") helpAsked = true;
            bool stuckBridge = now.UsbDevices.Any(d => !d.HasSerialPort && d.Bridge is not null);
            var diagnoses = stuckBridge || helpAsked ? context.Doctor.ExplainMissingPort(before, now) : [];
            if (!SameIds(diagnoses, View.Diagnoses)) Set(v => v with { Diagnoses = diagnoses });
            await Task.Delay(context.Poll, context.Time, ct).ConfigureAwait(false);
        }
    }

    static bool SameIds(IReadOnlyList<Diagnosis> a, IReadOnlyList<Diagnosis> b) => a.Select(d => d.Id).SequenceEqual(b.Select(d => d.Id));

    async Task<BatchBoard?> ProvisionAsync(SerialPortInfo port, List<BatchBoard> done, CancellationToken ct)
    {
        // A board flashed before (same USB serial) keeps its name, so its label stays right.
        var known = port.SerialNumber is { Length: > 0 } serial
            ? context.Inventory.All().FirstOrDefault(b => b.UsbSerial == serial && b.UsbId == port.UsbId)
            : null;
        string name = known?.Name ?? BoardNaming.Next(kit.Kind(), context.TakenNames().Concat(context.Inventory.All().Select(b => b.Name)).Concat(done.Select(d => d.Name)));
        lock (_gate) _log.Clear();
        bool retried = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Set(v => v with
            {
                State = BatchState.Flashing, Board = name, Port = port.Path, Step = 1, Percent = 0, Failure = null, Diagnoses = [],
                Message = new($"{name}: checking {port.Path} ({port.Bridge?.Chip})…", $"{name}: se verifică {port.Path} ({port.Bridge?.Chip})…"),
            });
            var problems = context.Doctor.CheckPort(port);
            if (problems.Count > 0)
            {
                Set(v => v with { State = BatchState.Problem, Diagnoses = problems, Message = problems[0].Problem });
                if (await WaitDecisionAsync(port, ct).ConfigureAwait(false) == "retry") continue;
                return null;
            }

            string password = BoardCredentials.NewPassword();
            var config = new BoardConfigFile(name, club, context.HubHost, context.HubPort, name, password, kit);
            var provisioner = new BoardProvisioner(context.Nanoff) { SettleDelay = context.Settle };
            var progress = new Progress(this);
            var result = await provisioner.RunAsync(new ProvisioningRequest(port.Path, config, request.WifiSsid!, request.WifiPassword ?? "", context.AppImage,
                _firmware, request.Target, context.DeployAddress)
            { FindPortAgain = current => FindAgain(port, current) }, progress, ct).ConfigureAwait(false);
            if (!result.Ok)
            {
                var failure = result.Failure!;
                var diagnoses = failure.DiagnosisId switch
                {
                    DiagnosisIds.HoldBoot => [PortDoctor.HoldBoot(port.Path)],
                    DiagnosisIds.PortBusy => context.Doctor.CheckPort(port),
                    _ => (IReadOnlyList<Diagnosis>)[],
                };
                Set(v => v with
                {
                    State = BatchState.Problem, Failure = new FailureView(failure.Code, failure.Problem, failure.Fix, failure.Retry),
                    Diagnoses = diagnoses, Message = failure.Problem,
                });
                string decision = await WaitDecisionAsync(port, ct).ConfigureAwait(false);
                if (decision == "retry") { retried = true; continue; }
                return null;
            }

            var now = context.Time.GetUtcNow();
            context.Inventory.Save(new InventoryBoard
            {
                Name = name, Club = club, Profile = kit.Id(), Chip = result.Chip, Mac = result.Mac, UsbId = port.UsbId, UsbSerial = port.SerialNumber,
                Firmware = result.FirmwareVersion, AppHash = AppHash(context.AppImage), MqttUser = name,
                MqttPasswordHash = Boards.BoardPasswordHash.Hash(password), ProvisionedAt = now,
            });
            var (start, size) = ProvisioningStep.Online.Span();
            Set(v => v with { State = BatchState.WaitingOnline, Step = 4, Percent = start, Message = ProvisioningStep.Online.Title() });
            bool online = await context.Waiter.WaitOnlineAsync(name, context.OnlineTimeout, ct).ConfigureAwait(false);
            if (online) context.Inventory.MarkOnline(name, context.Time.GetUtcNow());
            var notOnline = BoardProvisioner.NotOnline(new ProvisioningRequest(port.Path, config, request.WifiSsid!, "", "", _firmware));
            Set(v => v with
            {
                State = BatchState.Unplug, Percent = online ? start + size : v.Percent,
                Message = online
                    ? new($"{name} is ready{(retried ? " (after a second try)" : "")}. Unplug it, stick its label on, and plug in the next board.",
                        $"{name} este gata{(retried ? " (după a doua încercare)" : "")}. Scoate-o, lipește-i eticheta și conectează următoarea plăcuță.")
                    : new($"{name} is written. {notOnline.En} Unplug it and plug in the next board.", $"{name} a fost scrisă. {notOnline.Ro} Scoate-o și conectează următoarea plăcuță."),
            });
            return new BatchBoard(name, port.Path, result.Chip, result.Mac, online);
        }
    }

    /// <summary>Try again, Skip, or the board unplugged (= skip).</summary>
    async Task<string> WaitDecisionAsync(SerialPortInfo port, CancellationToken ct)
    {
        TakeAction(); // a click from before the problem does not count
        while (true)
        {
            var next = NextAction();
            var tick = Task.Delay(context.Poll, context.Time, ct);
            if (await Task.WhenAny(next, tick).ConfigureAwait(false) == next)
            {
                string a = TakeAction() ?? "";
                if (a is "retry" or "skip") return a;
                continue;
            }
            await tick.ConfigureAwait(false); // throws when cancelled
            if (!context.Scanner.Scan().Ports.Any(p => p.Key == port.Key)) return "skip";
        }
    }

    async Task WaitUnpluggedAsync(SerialPortInfo port, CancellationToken ct)
    {
        while (context.Scanner.Scan().Ports.Any(p => p.Key == port.Key))
        {
            if (TakeAction() == "skip") return; // "Next" without unplugging (a hub with many boards plugged at once)
            await Task.Delay(context.Poll, context.Time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The board's port now: the same USB identity, wherever it re-enumerated (waits up to 5 s for it to come back).</summary>
    string FindAgain(SerialPortInfo board, string current)
    {
        for (int i = 0; i < 25; i++)
        {
            var ports = context.Scanner.Scan().Ports;
            if (ports.Any(p => p.Path == current && p.Key == board.Key)) return current;
            if (board.SerialNumber is { Length: > 0 } && ports.FirstOrDefault(p => p.Key == board.Key) is { } moved) return moved.Path;
            Thread.Sleep(200);
        }
        return current;
    }

    static string? AppHash(string path)
    {
        try
        {
            using var f = File.OpenRead(path);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(f))[..12];
        }
        catch (IOException) { return null; }
    }

    /// <summary>Provisioning progress into the view, synchronously (IProgress&lt;T&gt;'s own class would post to the thread pool out of order).</summary>
    sealed class Progress(BatchSession session) : IProgress<ProvisioningProgress>
    {
        public void Report(ProvisioningProgress p)
        {
            if (p.LogLine is not null) session.Log(p.LogLine);
            if (p.Percent < 0) { session.Set(v => v); return; }
            session.Set(v => v with { Step = (int)p.Step, Percent = p.Percent, Message = new($"{v.Board}: {p.Message.En}", $"{v.Board}: {p.Message.Ro}") });
        }
    }
}
