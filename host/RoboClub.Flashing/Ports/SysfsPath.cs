namespace RoboClub.Flashing.Ports;

/// <summary>
/// realpath(3) in managed code, so the same walk works on the real /sys and on a fake tree of
/// symlinks made by a test: sysfs entries are relative symlinks that only make sense once every
/// earlier component has been resolved.
/// </summary>
internal static class SysfsPath
{
    public static string Resolve(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        string current = "/";
        for (int hops = 0; pending.Count > 0 && hops < 200; hops++)
        {
            string part = pending.Pop();
            if (part == ".") continue;
            if (part == "..") { current = Path.GetDirectoryName(current) ?? "/"; continue; }
            string candidate = Path.Join(current, part);
            string? target = LinkTarget(candidate);
            if (target is null) { current = candidate; continue; }
            if (target.StartsWith('/')) current = "/";
            foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
        }
        return current;
    }

    static string? LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The file's first line, trimmed, or null when it is missing or unreadable.</summary>
    public static string? ReadValue(string file)
    {
        try { return File.Exists(file) ? File.ReadLines(file).FirstOrDefault()?.Trim() : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The name of the directory a symlink such as `driver` or `subsystem` points to.</summary>
    public static string? LinkName(string link)
    {
        string? target = LinkTarget(link);
        return target is null ? null : Path.GetFileName(target.TrimEnd('/'));
    }

    public static ushort? Hex(string? text) =>
        ushort.TryParse(text, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}
