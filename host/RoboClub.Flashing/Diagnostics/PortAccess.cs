using System.Runtime.InteropServices;

namespace RoboClub.Flashing.Diagnostics;

public enum PortAccessResult { Ok, PermissionDenied, Busy, Missing, Unknown }

/// <summary>Tries to open a serial port the way a flasher would, to learn why it would fail.</summary>
public interface IPortAccess
{
    PortAccessResult TryOpen(string path);
}

/// <summary>
/// Linux and macOS: open(2) read-write, non-blocking, no controlling terminal, then close at once.
/// EACCES is the missing `dialout` group; EBUSY a port another program opened exclusively. Windows
/// reports nothing here (nanoff's own "cannot open the port" error is explained instead).
/// </summary>
public sealed partial class PosixPortAccess : IPortAccess
{
    const int EACCES = 13, EBUSY = 16, ENOENT = 2, ENXIO = 6, ENODEV = 19;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8, EntryPoint = "open")]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "close")]
    private static partial int Close(int fd);

    public PortAccessResult TryOpen(string path)
    {
        if (OperatingSystem.IsWindows()) return PortAccessResult.Unknown;
        // O_RDWR | O_NOCTTY | O_NONBLOCK (Linux values; macOS differs, so there only EACCES is trusted).
        int flags = OperatingSystem.IsMacOS() ? 0x2 | 0x20000 | 0x4 : 0x2 | 0x100 | 0x800;
        int fd = Open(path, flags);
        if (fd >= 0) { Close(fd); return PortAccessResult.Ok; }
        return Marshal.GetLastPInvokeError() switch
        {
            EACCES => PortAccessResult.PermissionDenied,
            EBUSY => PortAccessResult.Busy,
            ENOENT or ENXIO or ENODEV => PortAccessResult.Missing,
            _ => PortAccessResult.Unknown,
        };
    }
}
