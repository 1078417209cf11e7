using System.Text.Json;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Boards;

/// <summary>
/// Names the librarian gives boards in the hub ("Robotul roșu" for robot-1), kept in
/// `{data}/board-names.json` and written atomically, so a crash never loses the old names.
/// </summary>
public sealed class BoardNames
{
    public const int MaxLength = 40;
    readonly string _path;
    readonly Dictionary<string, string> _names;
    readonly Lock _lock = new();

    public BoardNames(IOptions<HubSettings> settings)
    {
        _path = Path.Combine(settings.Value.DataDirectory, "board-names.json");
        _names = Load(_path);
    }

    public string? Get(string board)
    {
        lock (_lock) return _names.TryGetValue(board, out var n) ? n : null;
    }

    /// <summary>Sets or (with an empty name) removes a display name. Throws ArgumentException for a bad name.</summary>
    public void Set(string board, string displayName)
    {
        string name = (displayName ?? "").Trim();
        if (name.Length > MaxLength) throw new ArgumentException($"a board name has at most {MaxLength} characters");
        if (name.Any(char.IsControl)) throw new ArgumentException("a board name cannot contain control characters");
        lock (_lock)
        {
            if (name.Length == 0) _names.Remove(board);
            else _names[board] = name;
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            string temp = _path + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(_names));
            File.Move(temp, _path, overwrite: true);
        }
    }

    static Dictionary<string, string> Load(string path)
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
                : [];
        }
        catch (JsonException)
        {
            // A damaged file must not stop the hub; keep it aside for the librarian instead of overwriting it.
            File.Copy(path, path + ".damaged", overwrite: true);
            return [];
        }
    }
}
