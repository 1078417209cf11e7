namespace RoboClub.Flashing.Ports;

/// <summary>Read-only view of HKEY_LOCAL_MACHINE, so the Windows scanner can be tested on Linux with a fake.</summary>
public interface IRegistryReader
{
    /// <summary>Names of the sub-keys of <paramref name="path"/> (empty when the key is missing).</summary>
    IReadOnlyList<string> SubKeys(string path);

    /// <summary>String values of <paramref name="path"/> by name (empty when the key is missing).</summary>
    IReadOnlyDictionary<string, string> Values(string path);
}
