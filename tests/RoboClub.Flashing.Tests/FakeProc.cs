namespace RoboClub.Flashing.Tests;

/// <summary>A fake /proc: processes with a name (comm) and open files (fd/N symlinks).</summary>
public sealed class FakeProc : IDisposable
{
    readonly TempFolder _root = new();

    public string Root => _root.Path;

    public void AddProcess(int pid, string name, params string[] openFiles)
    {
        string dir = _root.Combine(pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(Path.Join(dir, "fd"));
        File.WriteAllText(Path.Join(dir, "comm"), name + "\n");
        for (int i = 0; i < openFiles.Length; i++)
            File.CreateSymbolicLink(Path.Join(dir, "fd", (i + 3).ToString(System.Globalization.CultureInfo.InvariantCulture)), openFiles[i]);
    }

    public void Dispose() => _root.Dispose();
}
