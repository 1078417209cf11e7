using RoboClub.Flashing.Diagnostics;

namespace RoboClub.Flashing.Nanoff;

/// <summary>
/// nanoff's exit codes (nanoFirmwareFlasher's ExitCodes enum) explained. On Linux and macOS a process
/// exit code keeps only its low 8 bits (E4005 = 4005 exits as 165), so the "Error Exxxx" line wins and
/// the exit code is matched either way.
/// </summary>
public static class NanoffFailures
{
    static readonly LocalText ReconnectFix = new(
        "Unplug the board, plug it back in and press Try again.",
        "Scoate plăcuța, pune-o la loc și apasă Încearcă din nou.");

    static readonly Dictionary<string, NanoffFailure> Known = new(StringComparer.Ordinal)
    {
        ["E4000"] = new("E4000", new("The board did not answer the flasher (it did not enter its programming mode).", "Plăcuța nu a răspuns programului de scriere (nu a intrat în modul de programare)."),
            PortDoctor.HoldBoot(null).Fix, Retry: true, DiagnosisIds.HoldBoot),
        ["E9010"] = new("E9010", new("No board was detected on the port.", "Nu a fost detectată nicio plăcuță pe port."),
            PortDoctor.HoldBoot(null).Fix, Retry: true, DiagnosisIds.HoldBoot),
        ["E4001"] = new("E4001", new("This board's flash memory size is not supported by nanoFramework.", "Mărimea memoriei flash a acestei plăcuțe nu este suportată de nanoFramework."),
            new("Use an ESP32 board with 4 MB of flash or more (ESP32-WROOM-32 or WROVER).", "Folosește o plăcuță ESP32 cu 4 MB de flash sau mai mult (ESP32-WROOM-32 sau WROVER)."), Retry: false),
        ["E4002"] = new("E4002", new("Erasing the board's memory failed.", "Ștergerea memoriei plăcuței a eșuat."), ReconnectFix, Retry: true),
        ["E4003"] = new("E4003", new("Writing to the board failed halfway (often a long or poor USB cable).", "Scrierea pe plăcuță s-a oprit la jumătate (de obicei un cablu USB lung sau slab)."),
            new("Use a short cable plugged straight into the computer, then press Try again.", "Folosește un cablu scurt, pus direct în calculator, apoi apasă Încearcă din nou."), Retry: true, SlowerRetry: true),
        ["E4004"] = new("E4004", new("Reading the board's memory failed.", "Citirea memoriei plăcuței a eșuat."), ReconnectFix, Retry: true),
        ["E4005"] = new("E4005", new("The serial port could not be opened: another program uses it, or the board was unplugged.", "Portul serial nu a putut fi deschis: îl folosește alt program sau plăcuța a fost scoasă."),
            new("Close serial monitors (Arduino IDE, PuTTY, Thonny), check the cable and press Try again.", "Închide monitoarele seriale (Arduino IDE, PuTTY, Thonny), verifică cablul și apasă Încearcă din nou."), Retry: false, DiagnosisIds.PortBusy),
        ["E6000"] = new("E6000", new("The serial port could not be opened: another program uses it, or the board was unplugged.", "Portul serial nu a putut fi deschis: îl folosește alt program sau plăcuța a fost scoasă."),
            new("Close serial monitors (Arduino IDE, PuTTY, Thonny), check the cable and press Try again.", "Închide monitoarele seriale (Arduino IDE, PuTTY, Thonny), verifică cablul și apasă Încearcă din nou."), Retry: false, DiagnosisIds.PortBusy),
        ["E2000"] = new("E2000", new("The board did not answer after flashing (nanoFramework may still be starting).", "Plăcuța nu a răspuns după scriere (nanoFramework poate încă pornește)."),
            new("Press the board's EN/RST button once, wait 5 seconds and press Try again.", "Apasă o dată butonul EN/RST al plăcuței, așteaptă 5 secunde și apasă Încearcă din nou."), Retry: true),
        ["E2002"] = new("E2002", new("The board refused an operation.", "Plăcuța a refuzat o operație."), ReconnectFix, Retry: true),
        ["E2003"] = new("E2003", new("Writing the settings file to the board failed.", "Scrierea fișierului de setări pe plăcuță a eșuat."), ReconnectFix, Retry: true),
        ["E9005"] = new("E9005", OfflineProblem, OfflineFix, Retry: false),
        ["E9006"] = new("E9006", OfflineProblem, OfflineFix, Retry: false),
        ["E9007"] = new("E9007", OfflineProblem, OfflineFix, Retry: false),
        ["E9008"] = new("E9008", new("The RoboClub app image was not found.", "Imaginea aplicației RoboClub nu a fost găsită."),
            new("Put RoboClub.bin (built from firmware/RoboClub.Firmware.Esp32) in the hub's firmware folder; see docs/flashing.md.", "Pune RoboClub.bin (construit din firmware/RoboClub.Firmware.Esp32) în dosarul firmware al hubului; vezi docs/flashing.md."), Retry: false),
        ["E9009"] = new("E9009", new("nanoff was not given a valid deployment address.", "nanoff nu a primit o adresă de instalare validă."),
            new("This is a RoboClub bug: report it. The address comes from the Flashing:DeployAddress setting (0x1E0000).", "Aceasta e o greșeală RoboClub: raportează-o. Adresa vine din setarea Flashing:DeployAddress (0x1E0000)."), Retry: false),
        ["E9000"] = new("E9000", new("nanoff did not understand RoboClub's request (its version may be too old or too new).", "nanoff nu a înțeles cererea RoboClub (versiunea lui poate fi prea veche sau prea nouă)."),
            new("Update nanoff: dotnet tool update -g nanoff (or press Install nanoff again).", "Actualizează nanoff: dotnet tool update -g nanoff (sau apasă din nou Instalează nanoff)."), Retry: false),
    };

    static LocalText OfflineProblem => new(
        "The nanoFramework firmware could not be downloaded and is not in the offline archive.",
        "Firmware-ul nanoFramework nu a putut fi descărcat și nu este în arhiva offline.");

    static LocalText OfflineFix => new(
        "Connect the computer to the internet once and press 'Update the offline archive' (roboclub flash --update-archive); after that, boards can be flashed without internet.",
        "Conectează calculatorul o dată la internet și apasă „Actualizează arhiva offline” (roboclub flash --update-archive); după aceea plăcuțele se pot scrie fără internet.");

    public static readonly NanoffFailure Timeout = new("timeout",
        new("nanoff stopped answering (timeout).", "nanoff nu mai răspunde (a expirat timpul)."),
        ReconnectFix, Retry: true);

    /// <summary>The failure for an error code nanoff printed, or for its exit code when it printed none.</summary>
    public static NanoffFailure For(string? printedCode, int exitCode)
    {
        if (printedCode is not null && Known.TryGetValue(printedCode, out var known)) return known;
        if (Known.Values.FirstOrDefault(f => int.Parse(f.Code.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) is int n && (n == exitCode || (n & 0xFF) == exitCode)) is { } byExit)
            return byExit;
        string code = printedCode ?? $"exit-{exitCode}";
        return new(code, new($"nanoff failed ({code}).", $"nanoff a eșuat ({code})."),
            new("Unplug the board, plug it back in and press Try again. If it fails again, show the log below to the RoboClub team.",
                "Scoate plăcuța, pune-o la loc și apasă Încearcă din nou. Dacă eșuează din nou, arată jurnalul de mai jos echipei RoboClub."), Retry: false);
    }
}
