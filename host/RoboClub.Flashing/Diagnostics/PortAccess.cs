using System.Runtime.InteropServices;

namespace RoboClub.Flashing.Diagnostics;

public enum PortAccessResult { Ok, PermissionDenied, Busy, Missing, Unknown }

/// <summary>Learns why a flasher could not open a serial port.</summary>
public interface IPortAccess
{
    /// <param name="mayOpen">Really open it (finds ports opened exclusively). Opening raises DTR/RTS, which can
    /// reset a board that is running, so only do it right before flashing; otherwise only permissions are checked.</param>
    PortAccessResult TryOpen(string path, bool mayOpen);
}

/// <summary>
/// Linux and macOS: access(2) for read-write permission, then (when allowed) open(2) read-write,
/// non-blocking, no controlling terminal, and close at once. EACCES is the missing `dialout` group;
/// EBUSY a port another program opened exclusively. Windows reports nothing here (nanoff's own
/// "cannot open the port" error is explained instead).
/// </summary>
public sealed partial class PosixPortAccess : IPortAccess
{
    const int EACCES = 13, EBUSY = 16, ENOENT = 2, ENXIO = 6, ENODEV = 19;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8, EntryPoint = "open")]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", SetLastError = true, EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8, EntryPoint = "access")]
    private static partial int Access(string path, int mode);

    public PortAccessResult TryOpen(string path, bool mayOpen)
    {
        if (OperatingSystem.IsWindows()) return PortAccessResult.Unknown;
        const int R_OK = 4, W_OK = 2;
        if (Access(path, R_OK | W_OK) != 0)
            return Marshal.GetLastPInvokeError() switch { EACCES => PortAccessResult.PermissionDenied, ENOENT => PortAccessResult.Missing, _ => PortAccessResult.Unknown };
        if (!mayOpen) return PortAccessResult.Ok;
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
