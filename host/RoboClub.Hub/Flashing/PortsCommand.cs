using System.CommandLine;
using RoboClub.Flashing.Diagnostics;
using RoboClub.Flashing.Ports;
using Spectre.Console;

namespace RoboClub.Hub.Flashing;

/// <summary>`roboclub ports`: the serial ports of this computer, which are ESP32 boards, and what is wrong with them.</summary>
internal sealed class PortsCommand : Command
{
    readonly Option<bool> _all = new("--all") { Description = "Also list ports that are not ESP32 boards (the PC's own COM1/ttyS0, Bluetooth, ...)" };
    readonly Option<string> _lang = new("--lang") { Description = "Language of the explanations: ro or en", DefaultValueFactory = _ => "ro" };
    readonly Option<string?> _sysRoot = new("--sys-root") { Description = "Read a fake Linux /sys tree from this folder (tests, demos)", Hidden = true };

    public PortsCommand() : base("ports", "List serial ports, recognise ESP32 boards (CP210x, CH340, CH9102, FTDI, ESP32-S3/C3 USB) and explain problems")
    {
        Options.Add(_all);
        Options.Add(_lang);
        Options.Add(_sysRoot);
        _lang.AcceptOnlyFromAmong("ro", "en");
        SetAction(p => Run(p.GetValue(_all), p.GetValue(_lang)!, p.GetValue(_sysRoot)));
    }

    static int Run(bool all, string lang, string? sysRoot)
    {
        bool ro = lang == "ro";
        var scan = PortScanners.ForThisMachine(sysRoot).Scan();
        var doctor = PortDoctor.ForThisMachine();
        var ports = scan.Ports.Where(p => all || p.LooksLikeBoard).ToArray();
        var table = new Table().AddColumns(ro ? "Port" : "Port", ro ? "Cip" : "Chip", "USB", ro ? "Nr. serie" : "Serial", "Driver", ro ? "Stare" : "State");
        var problems = new List<Diagnosis>();
        foreach (var port in ports)
        {
            var diagnoses = port.LooksLikeBoard ? doctor.CheckPort(port, mayOpen: false) : []; // never reset a running board
            problems.AddRange(diagnoses);
            string state = !port.LooksLikeBoard ? (ro ? "[grey]nu e plăcuță[/]" : "[grey]not a board[/]")
                : diagnoses.Count == 0 ? (ro ? "[green]gata de scris[/]" : "[green]ready to flash[/]") : $"[red]{Markup.Escape(diagnoses[0].Problem.In(lang))}[/]";
            table.AddRow(Markup.Escape(port.Path), Markup.Escape(port.Bridge?.Chip ?? "-"), port.UsbId, Markup.Escape(port.SerialNumber ?? "-"), Markup.Escape(port.Driver ?? "-"), state);
        }
        if (ports.Length > 0) AnsiConsole.Write(table);
        bool stuck = scan.UsbDevices.Any(d => !d.HasSerialPort && d.Bridge is not null);
        if (stuck || !scan.Boards.Any())
        {
            if (!scan.Boards.Any()) AnsiConsole.MarkupLine(ro ? "[yellow]Nicio plăcuță ESP32 găsită.[/]" : "[yellow]No ESP32 board found.[/]");
            problems.AddRange(doctor.ExplainMissingPort(scan, scan)); // nothing "new": stuck bridges, else the cable
        }
        foreach (var d in problems.DistinctBy(d => d.Id + d.Port))
        {
            AnsiConsole.MarkupLine($"[red]✗[/] {Markup.Escape(d.Problem.In(lang))}");
            AnsiConsole.MarkupLine($"  [bold]→[/] {Markup.Escape(d.Fix.In(lang))}");
            if (d.Link is not null) AnsiConsole.MarkupLine($"    [link]{Markup.Escape(d.Link)}[/]");
        }
        return scan.Boards.Any() ? 0 : 3;
    }
}
