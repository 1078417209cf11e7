namespace RoboClub.Flashing.Ports;

/// <summary>The scanner for the operating system this runs on.</summary>
public static class PortScanners
{
    /// <param name="linuxRoot">A fake sysfs root for tests and demos ("/" on a real machine).</param>
    public static IPortScanner ForThisMachine(string? linuxRoot = null)
    {
        if (OperatingSystem.IsWindows()) return new WindowsPortScanner(new WindowsRegistryReader());
        if (OperatingSystem.IsMacOS()) return new MacPortScanner();
        return new LinuxPortScanner(linuxRoot ?? "/");
    }
}
