using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// The clubs a regional hub accepts, in <c>{data}/regional-keys.json</c>: per club the SHA-256 of its
/// key, never the key. A key is 32 random bytes (printed once by `roboclub regional add-club`), so a
/// fast hash is enough: unlike a password it cannot be guessed from a list. The file is re-read when
/// it changes, so adding a club needs no restart.
/// </summary>
public sealed class RegionalKeys(string path)
{
    public const string FileName = "regional-keys.json";
    const string Prefix = "rck_";

    readonly Lock _lock = new();
    DateTime _readStamp;
    Dictionary<string, byte[]> _hashes = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    /// <summary>The club whose key this is, or null (no such key, or none given).</summary>
    public string? ClubOf(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200) return null;
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        string? found = null;
        foreach (var (club, stored) in Load())
            if (CryptographicOperations.FixedTimeEquals(hash, stored)) found = club; // every entry compared: no timing hint
        return found;
    }

    public IReadOnlyList<string> Clubs() => Load().Keys.Order(StringComparer.Ordinal).ToList();

    Dictionary<string, byte[]> Load()
    {
        lock (_lock)
        {
            var stamp = File.Exists(Path) ? File.GetLastWriteTimeUtc(Path) : DateTime.MinValue;
            if (stamp != _readStamp)
            {
                _hashes = Read(Path);
                _readStamp = stamp;
            }
            return _hashes;
        }
    }

    static Dictionary<string, byte[]> Read(string path)
    {
        var map = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!File.Exists(path)) return map;
        try
        {
            if (JsonNode.Parse(File.ReadAllText(path))?["clubs"] is JsonObject clubs)
                foreach (var (club, entry) in clubs)
                    if (entry?["sha256"]?.GetValue<string>() is { Length: 64 } hex) map[club] = Convert.FromHexString(hex);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}); fix it or add the clubs again with `roboclub regional add-club`.", e);
        }
        return map;
    }

    /// <summary>Adds the club (or gives it a new key, the old one stops working) and returns the key, to be shown once.</summary>
    public string Add(string club, DateTimeOffset now)
    {
        TelemetryNames.Check(club, "club name", nameof(club));
        string key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Update(clubs => clubs[club] = new JsonObject
        {
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            ["added"] = now.ToString("O"),
        });
        return key;
    }

    public bool Remove(string club)
    {
        bool removed = false;
        Update(clubs => removed = clubs.Remove(club));
        return removed;
    }

    /// <summary>Read, change, write to a temporary file and move it over: never a half-written file.</summary>
    void Update(Action<JsonObject> change)
    {
        lock (_lock)
        {
            var root = File.Exists(Path) ? JsonNode.Parse(File.ReadAllText(Path)) as JsonObject ?? [] : new JsonObject();
            if (root["clubs"] is not JsonObject clubs) root["clubs"] = clubs = [];
            change(clubs);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            string temp = Path + ".tmp";
            File.WriteAllText(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, Path, overwrite: true);
            _readStamp = DateTime.MinValue; // read again next time
        }
    }
}
