namespace RoboClub.Flashing.Diagnostics;

/// <summary>
/// Something wrong with a board's connection, said plainly, with what to do about it.
/// <see cref="Id"/> is stable (tests and the page key on it); the texts are for people.
/// </summary>
public sealed record Diagnosis(string Id, LocalText Problem, LocalText Fix, string? Link = null, string? Port = null);

/// <summary>The stable ids of <see cref="Diagnosis"/>.</summary>
public static class DiagnosisIds
{
    public const string NothingPlugged = "nothing-plugged";
    public const string ChargeOnlyCable = "charge-only-cable";
    public const string DriverMissing = "driver-missing";
    public const string PermissionDenied = "permission-denied";
    public const string PortBusy = "port-busy";
    public const string Brltty = "brltty";
    public const string HoldBoot = "hold-boot";
    public const string NotABoard = "not-a-board";
}

public enum HostOs { Linux, Windows, MacOS }

public static class HostOsExtensions
{
    public static HostOs Current => OperatingSystem.IsWindows() ? HostOs.Windows : OperatingSystem.IsMacOS() ? HostOs.MacOS : HostOs.Linux;
}
