namespace RoboClub.Flashing.Diagnostics;

/// <summary>A running program: its id and name (as /proc/PID/comm says it).</summary>
public sealed record ProcessInfo(int Pid, string Name);

/// <summary>
/// Which programs have a port open, and whether brltty runs, from /proc (Linux). Other systems do
/// not tell an unprivileged program who holds a device, so they get an empty answer.
/// </summary>
/// <param name="procRoot">"/proc" on a real machine; a fake tree in tests.</param>
public sealed class ProcessTable(string procRoot = "/proc")
{
    public IReadOnlyList<ProcessInfo> Holding(string devicePath)
    {
        var holders = new List<ProcessInfo>();
        foreach (var (pid, dir) in Processes())
        {
            string fds = Path.Join(dir, "fd");
            IEnumerable<string> links;
            try { links = Directory.EnumerateFileSystemEntries(fds).ToArray(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // another user's process
            foreach (var link in links)
            {
                string? target;
                try { target = new FileInfo(link).LinkTarget; }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
                if (target == devicePath) { holders.Add(new ProcessInfo(pid, NameOf(dir))); break; }
            }
        }
        return holders;
    }

    public bool IsRunning(string name) => Processes().Any(p => NameOf(p.Dir) == name);

    IEnumerable<(int Pid, string Dir)> Processes()
    {
        if (!Directory.Exists(procRoot)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
            if (int.TryParse(Path.GetFileName(dir), out int pid)) yield return (pid, dir);
    }

    static string NameOf(string dir)
    {
        try { return File.ReadAllText(Path.Join(dir, "comm")).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "?"; }
    }
}
