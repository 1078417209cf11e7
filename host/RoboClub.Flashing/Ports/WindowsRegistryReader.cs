using System.Runtime.Versioning;
using Microsoft.Win32;

namespace RoboClub.Flashing.Ports;

/// <summary>The real registry (Windows only).</summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistryReader : IRegistryReader
{
    public IReadOnlyList<string> SubKeys(string path)
    {
        using var key = Registry.LocalMachine.OpenSubKey(path);
        return key?.GetSubKeyNames() ?? [];
    }

    public IReadOnlyDictionary<string, string> Values(string path)
    {
        using var key = Registry.LocalMachine.OpenSubKey(path);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (key is null) return values;
        foreach (var name in key.GetValueNames())
            if (key.GetValue(name) is string s) values[name] = s;
        return values;
    }
}
