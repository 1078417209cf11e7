using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RoboClub.Hub.Boards;
using RoboClub.Hub.Serve;

namespace RoboClub.Hub.Security;

/// <summary>
/// The librarian's password: <c>{data}/librarian.json</c> holds only a slow salted hash
/// (<see cref="SecretHash"/>, 600,000 PBKDF2-SHA256 rounds: about a quarter of a second to check, so
/// guessing from a copied file is slow). Written to a temporary file and moved into place, so a
/// crash never leaves half a file and the old password stays valid until the new one is stored.
/// </summary>
public sealed class LibrarianPassword(IOptions<HubSettings> options)
{
    public const int DefaultIterations = 600_000;
    public const int MinLength = 8, MaxLength = 200;

    readonly string _path = PathIn(options.Value.DataDirectory);
    readonly int _iterations = Math.Max(1_000, options.Value.LibrarianPasswordIterations);
    readonly object _lock = new();

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, "librarian.json");

    public bool IsSet => StoredHash() is not null;

    /// <summary>A refusal (too short, too long) or null when the password may be used.</summary>
    public static HubMessage? Problem(string? password) =>
        password is null || password.Length < MinLength ? SecurityText.TooShort(MinLength)
        : password.Length > MaxLength ? SecurityText.TooLong(MaxLength)
        : null;

    public bool Verify(string? password) => password is not null && StoredHash() is { } hash && SecretHash.Verify(password, hash);

    /// <summary>Stores a new password (checked with <see cref="Problem"/> first).</summary>
    public void Set(string password)
    {
        if (Problem(password) is { } problem) throw new ArgumentException(problem.En);
        Write(_path, SecretHash.Hash(password, _iterations));
    }

    internal static void Write(string path, string hash)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject { ["hash"] = hash, ["setAt"] = DateTimeOffset.UtcNow.ToString("O") };
        string temp = path + ".tmp";
        File.WriteAllText(temp, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, path, overwrite: true);
    }

    string? StoredHash()
    {
        lock (_lock)
        {
            if (!File.Exists(_path)) return null;
            try
            {
                return JsonNode.Parse(File.ReadAllText(_path))?["hash"]?.GetValue<string>();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or IOException)
            {
                return null; // unreadable: treated as not set, so the librarian can set it again from the hub's PC
            }
        }
    }
}
