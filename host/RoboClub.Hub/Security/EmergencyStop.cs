using System.Text.Json;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Security;

/// <summary>
/// STOP ALL latches, like a real emergency stop button: every board stops at once, and no program
/// may start again (Run, run, live blocks) until the librarian resets it. Anyone may press it; only
/// the librarian may release it. Kept in <c>{data}/emergency-stop.json</c>, so a restart of the hub
/// does not release it either.
/// </summary>
public sealed class EmergencyStop(IOptions<HubSettings> options, TimeProvider time)
{
    readonly string _path = Path.Combine(options.Value.DataDirectory, "emergency-stop.json");
    readonly Lock _lock = new();
    DateTimeOffset? _since = Read(Path.Combine(options.Value.DataDirectory, "emergency-stop.json"));

    /// <summary>Raised after the state changed (for the pages' banner).</summary>
    public event Action<bool>? Changed;

    /// <summary>When STOP ALL was pressed, or null when programs may run.</summary>
    public DateTimeOffset? Since
    {
        get { lock (_lock) return _since; }
    }

    public bool Engaged => Since is not null;

    public void Engage()
    {
        lock (_lock)
        {
            if (_since is not null) return;
            _since = time.GetUtcNow();
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.WriteAllText(_path, JsonSerializer.Serialize(new { since = _since }));
        }
        Changed?.Invoke(true);
    }

    public void Reset()
    {
        lock (_lock)
        {
            if (_since is null) return;
            _since = null;
            File.Delete(_path);
        }
        Changed?.Invoke(false);
    }

    static DateTimeOffset? Read(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("since", out var s) && s.TryGetDateTimeOffset(out var since) ? since : DateTimeOffset.UnixEpoch;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return DateTimeOffset.UnixEpoch; // a damaged file still means "stopped": safe side
        }
    }
}
