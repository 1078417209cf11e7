using RoboClub.Flashing.Ports;

namespace RoboClub.Flashing.Diagnostics;

/// <summary>
/// Explains, in plain words, why a board cannot be flashed: no port appeared when it was plugged in
/// (charge-only cable, missing driver, brltty), the port cannot be opened (the `dialout` group, another
/// program holding it). Failures nanoff reports (the board not entering its bootloader, ...) are
/// explained by <see cref="Nanoff.NanoffFailures"/>.
/// </summary>
public sealed class PortDoctor(HostOs os, IPortAccess access, ProcessTable processes)
{
    public static PortDoctor ForThisMachine() => new(HostOsExtensions.Current, new PosixPortAccess(), new ProcessTable());

    /// <summary>Why this existing port would fail to open; empty when it opens.</summary>
    /// <param name="mayOpen">Open the port to test it (right before flashing only: opening can reset a running board).</param>
    public IReadOnlyList<Diagnosis> CheckPort(SerialPortInfo port, bool mayOpen = true)
    {
        var result = access.TryOpen(port.Path, mayOpen);
        switch (result)
        {
            case PortAccessResult.PermissionDenied:
                return [PermissionDenied(port.Path)];
            case PortAccessResult.Busy:
                return [Busy(port.Path, processes.Holding(port.Path))];
            case PortAccessResult.Ok or PortAccessResult.Unknown or PortAccessResult.Missing:
                // Not exclusive does not mean free: ModemManager, a serial monitor or brltty may have it open.
                var holders = processes.Holding(port.Path);
                return holders.Count > 0 ? [Busy(port.Path, holders)] : [];
            default:
                return [];
        }
    }

    /// <summary>
    /// Called when the librarian plugged a board in and no new board port appeared: compares what was
    /// attached before with what is attached now.
    /// </summary>
    public IReadOnlyList<Diagnosis> ExplainMissingPort(PortScan before, PortScan now)
    {
        var oldUsb = before.UsbDevices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var newBridges = now.UsbDevices.Where(d => !oldUsb.Contains(d.Id) && !d.HasSerialPort && d.Bridge is not null).ToArray();
        var stuckBridges = now.UsbDevices.Where(d => !d.HasSerialPort && d.Bridge is not null).ToArray();
        var candidates = newBridges.Length > 0 ? newBridges : stuckBridges;
        if (candidates.Length > 0)
        {
            var list = new List<Diagnosis>();
            foreach (var device in candidates)
            {
                bool claimed = device.InterfaceDrivers.Contains("usbfs") || processes.IsRunning("brltty");
                if (os == HostOs.Linux && claimed && !device.Bridge!.NativeUsb) list.Add(Brltty(device.Bridge));
                else list.Add(DriverMissing(device.Bridge!));
            }
            return list.DistinctBy(d => d.Id + d.Link).ToArray();
        }
        bool anythingNew = now.UsbDevices.Any(d => !oldUsb.Contains(d.Id));
        if (os == HostOs.Windows)
            return [NoPortWindows()]; // Windows here lists no USB devices: say both causes
        return anythingNew ? [NotABoard()] : [ChargeOnlyCable()];
    }

    public static Diagnosis PermissionDenied(string port) => new(DiagnosisIds.PermissionDenied,
        new($"This computer's user may not open {port}. On Linux, serial ports belong to the group 'dialout' (on Arch and Fedora: 'uucp').",
            $"Utilizatorul acestui calculator nu are voie să deschidă {port}. Pe Linux, porturile seriale aparțin grupului „dialout” (pe Arch și Fedora: „uucp”)."),
        new("In a terminal type: sudo usermod -aG dialout $USER — then log out and log in again (or restart the computer).",
            "Într-un terminal scrie: sudo usermod -aG dialout $USER — apoi ieși din cont și intră din nou (sau repornește calculatorul)."),
        Port: port);

    public static Diagnosis Busy(string port, IReadOnlyList<ProcessInfo> holders)
    {
        string who = holders.Count == 0 ? "" : string.Join(", ", holders.Select(h => $"{h.Name} (PID {h.Pid})"));
        if (holders.Any(h => h.Name == "brltty")) return Brltty(null, port);
        return new(DiagnosisIds.PortBusy,
            holders.Count == 0
                ? new($"Another program is using {port}.", $"Un alt program folosește {port}.")
                : new($"Another program is using {port}: {who}.", $"Un alt program folosește {port}: {who}."),
            new("Close the serial monitor (Arduino IDE, PuTTY, Thonny, another RoboClub window) and try again. If you do not know which program it is, unplug the board, plug it back in and try again.",
                "Închide monitorul serial (Arduino IDE, PuTTY, Thonny, altă fereastră RoboClub) și încearcă din nou. Dacă nu știi ce program este, scoate plăcuța, pune-o la loc și încearcă din nou."),
            Port: port);
    }

    public static Diagnosis Brltty(UsbBridge? bridge, string? port = null) => new(DiagnosisIds.Brltty,
        new($"The braille display service 'brltty' took the {bridge?.Chip ?? "USB serial"} chip (Ubuntu does this with CH340 and CP210x boards), so no serial port appears.",
            $"Serviciul pentru afișaje braille „brltty” a luat cipul {bridge?.Chip ?? "USB serial"} (Ubuntu face asta cu plăcuțele CH340 și CP210x), așa că nu apare niciun port serial."),
        new("If nobody uses a braille display on this computer, type in a terminal: sudo systemctl mask brltty-udev.service && sudo systemctl stop brltty-udev.service brltty.service (or: sudo apt remove brltty). Then unplug the board and plug it back in.",
            "Dacă nimeni nu folosește un afișaj braille pe acest calculator, scrie într-un terminal: sudo systemctl mask brltty-udev.service && sudo systemctl stop brltty-udev.service brltty.service (sau: sudo apt remove brltty). Apoi scoate plăcuța și pune-o la loc."),
        "https://koen.vervloesem.eu/blog/how-to-stop-brltty-from-claiming-your-usb-uart-interface-on-linux/", port);

    public Diagnosis DriverMissing(UsbBridge bridge) => os switch
    {
        HostOs.Linux => new(DiagnosisIds.DriverMissing,
            new($"The board's {bridge.Chip} chip is connected, but Linux has no serial port for it: the kernel module '{bridge.LinuxDriver}' is missing or not loaded.",
                $"Cipul {bridge.Chip} al plăcuței este conectat, dar Linux nu i-a făcut port serial: modulul de kernel „{bridge.LinuxDriver}” lipsește sau nu este încărcat."),
            new($"Type in a terminal: sudo modprobe {bridge.LinuxDriver} — then unplug the board and plug it back in. If that fails, install your distribution's extra kernel modules (Ubuntu: linux-modules-extra-$(uname -r)).",
                $"Scrie într-un terminal: sudo modprobe {bridge.LinuxDriver} — apoi scoate plăcuța și pune-o la loc. Dacă nu merge, instalează modulele de kernel suplimentare ale distribuției (Ubuntu: linux-modules-extra-$(uname -r))."),
            bridge.DriverUrl),
        _ => new(DiagnosisIds.DriverMissing,
            new($"The board's {bridge.Chip} chip is connected, but its driver is missing, so no port appears.",
                $"Cipul {bridge.Chip} al plăcuței este conectat, dar îi lipsește driverul, așa că nu apare niciun port."),
            bridge.DriverUrl is null
                ? new("Update the operating system; this chip's driver is built in.", "Actualizează sistemul de operare; driverul acestui cip este inclus.")
                : new($"Install the driver '{bridge.WindowsDriver}' from {bridge.DriverUrl}, then unplug the board and plug it back in.",
                    $"Instalează driverul „{bridge.WindowsDriver}” de la {bridge.DriverUrl}, apoi scoate plăcuța și pune-o la loc."),
            bridge.DriverUrl),
    };

    public static Diagnosis ChargeOnlyCable() => new(DiagnosisIds.ChargeOnlyCable,
        new("Nothing new appeared when the board was plugged in. Most often the USB cable can only charge (it has no data wires), or the board's USB socket is loose.",
            "Nu a apărut nimic nou când ai conectat plăcuța. De cele mai multe ori cablul USB poate doar să încarce (nu are fire de date) sau mufa USB a plăcuței nu face contact."),
        new("Try another cable — one you know copies files from a phone — and another USB socket of the computer (not a hub). The board's power LED should light up.",
            "Încearcă alt cablu — unul cu care știi că se copiază poze de pe telefon — și altă mufă USB a calculatorului (nu un hub). LED-ul de alimentare al plăcuței trebuie să se aprindă."));

    static Diagnosis NoPortWindows() => new(DiagnosisIds.ChargeOnlyCable,
        new("No new COM port appeared when the board was plugged in: either the USB cable can only charge, or the driver for the board's USB chip is missing.",
            "Nu a apărut niciun port COM nou când ai conectat plăcuța: fie cablul USB poate doar să încarce, fie lipsește driverul pentru cipul USB al plăcuței."),
        new("Open Device Manager: a device with a yellow mark under 'Other devices' means a missing driver — the chip name is printed on the board next to the USB socket: CP2102 → Silicon Labs CP210x VCP (silabs.com), CH340 → CH341SER, CH9102 → CH343SER (wch-ic.com). Nothing new there means the cable: try one that copies files from a phone.",
            "Deschide Manager dispozitive: un dispozitiv cu semn galben la „Alte dispozitive” înseamnă driver lipsă — numele cipului e scris pe plăcuță lângă mufa USB: CP2102 → Silicon Labs CP210x VCP (silabs.com), CH340 → CH341SER, CH9102 → CH343SER (wch-ic.com). Dacă nu apare nimic nou, e de vină cablul: încearcă unul cu care se copiază fișiere de pe telefon."),
        "https://www.silabs.com/developers/usb-to-uart-bridge-vcp-drivers");

    static Diagnosis NotABoard() => new(DiagnosisIds.NotABoard,
        new("A USB device appeared, but it is not a board RoboClub knows (no ESP32 USB chip).",
            "A apărut un dispozitiv USB, dar nu este o plăcuță pe care RoboClub o cunoaște (nu are cip USB de ESP32)."),
        new("Check that you plugged in the ESP32 board. If it is one, tell the RoboClub team its USB id (shown by: roboclub ports --all).",
            "Verifică dacă ai conectat plăcuța ESP32. Dacă este una, spune echipei RoboClub id-ul ei USB (îl arată: roboclub ports --all)."));

    public static Diagnosis HoldBoot(string? port) => new(DiagnosisIds.HoldBoot,
        new("The board did not answer on its port: it did not enter its programming mode (bootloader).",
            "Plăcuța nu a răspuns pe port: nu a intrat în modul de programare (bootloader)."),
        new("Hold the BOOT button (sometimes IO0) on the board, press and release EN/RST while still holding BOOT, release BOOT after a second, then press Try again. Some boards need BOOT held down during the whole 'connecting' step.",
            "Ține apăsat butonul BOOT (uneori IO0) al plăcuței, apasă și eliberează EN/RST cât timp ții BOOT, eliberează BOOT după o secundă, apoi apasă Încearcă din nou. Unele plăcuțe au nevoie de BOOT apăsat tot timpul pasului „conectare”."),
        Port: port);
}
