using System.Runtime.InteropServices;

namespace RoboClub.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux getrusage RUSAGE_THREAD). On a shared, loaded machine the
/// wall time of a synchronous piece of work swings with the load; its CPU time does not, so the
/// benchmarks print both. Returns null where the call is unavailable.
/// </summary>
static class ThreadCpu
{
    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs we do not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    struct RUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long R0, R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11, R12, R13;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    static extern int GetRUsage(int who, out RUsage usage);

    /// <summary>Milliseconds of CPU (user + system) this thread has used so far.</summary>
    public static double? Milliseconds() => Read(1 /* RUSAGE_THREAD */);

    /// <summary>Milliseconds of CPU every thread of this process has used so far (work split over threads counts whole).</summary>
    public static double? ProcessMilliseconds() => Read(0 /* RUSAGE_SELF */);

    static double? Read(int who)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (GetRUsage(who, out var u) != 0) return null;
            return (u.UserSeconds + u.SystemSeconds) * 1000.0 + (u.UserMicroseconds + u.SystemMicroseconds) / 1000.0;
        }
        catch (DllNotFoundException) { return null; }
    }
}
