using System.Runtime.InteropServices;

namespace RoboClub.Benchmarks.Load;

/// <summary>
/// A thousand boards are a thousand sockets in the load generator and as many in the server: the soft
/// "open files" limit (ulimit -n, often 1024) is raised to the hard one, for this process and the
/// processes it starts (they inherit it).
/// </summary>
static class OpenFiles
{
    [StructLayout(LayoutKind.Sequential)]
    struct RLimit { public ulong Current; public ulong Max; }

    const int RlimitNoFile = 7; // Linux

    [DllImport("libc", SetLastError = true)] static extern int getrlimit(int resource, out RLimit limit);
    [DllImport("libc", SetLastError = true)] static extern int setrlimit(int resource, ref RLimit limit);

    /// <summary>The soft limit after raising it (or as it was when that is not possible); -1 when unknown.</summary>
    public static long RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux()) return -1;
        if (getrlimit(RlimitNoFile, out var l) != 0) return -1;
        if (l.Current < l.Max)
        {
            var raised = new RLimit { Current = l.Max, Max = l.Max };
            if (setrlimit(RlimitNoFile, ref raised) == 0) l = raised;
        }
        return l.Current > long.MaxValue ? long.MaxValue : (long)l.Current;
    }
}
