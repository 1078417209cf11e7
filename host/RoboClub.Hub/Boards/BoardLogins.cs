using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using RoboClub.Flashing.Provisioning;
using RoboClub.Hub.Flashing;

namespace RoboClub.Hub.Boards;

/// <summary>What checking a board's login found.</summary>
public enum BoardLoginCheck
{
    Valid,
    /// <summary>No board has this user name (neither in the inventory nor among the hub's virtual boards).</summary>
    UnknownUser,
    /// <summary>The board exists and the password does not match (or its stored hash cannot be read).</summary>
    WrongPassword,
}

/// <summary>
/// The boards' MQTT logins: user name = board name, password checked against the hash the inventory
/// (`{data}/inventory.db`) keeps from flashing or `roboclub boards add-login`, or against the random
/// password the hub gave one of its own virtual boards at this start (kept in memory only).
/// Thread-safe: the broker calls it from many connections at once.
/// </summary>
public sealed partial class BoardLogins(BoardInventory inventory, ILogger<BoardLogins> logger)
{
    /// <summary>How old the in-memory copy of the inventory may be: a board flashed (or given a
    /// login by another process) while the hub runs can connect within this time.</summary>
    public static readonly TimeSpan InventoryRefresh = TimeSpan.FromSeconds(1);

    readonly ConcurrentDictionary<string, byte[]> _runtime = new(StringComparer.Ordinal);
    // Only for the slow hashes of boards flashed before $7$ (BoardPasswordHash): user → (stored hash, HMAC of the password).
    readonly ConcurrentDictionary<string, (string Stored, byte[] Digest)> _verified = new(StringComparer.Ordinal);
    readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    // A slow PBKDF2 is CPU work: a reconnect storm must not take every thread-pool thread.
    readonly SemaphoreSlim _hashing = new(Math.Max(1, Environment.ProcessorCount));
    readonly Lock _reload = new();
    Dictionary<string, string> _stored = [];
    long _loadedAt;
    bool _loaded;
    int _unreadableLogged;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex BoardNamePattern();

    /// <summary>A board name that can be a login: lowercase letters, digits and '-', at most 32 (docs/protocol.md), not one
    /// of the club's own topic levels, not starting with "roboclub-" (the firmware's client ids do).</summary>
    public static bool IsValidBoardName(string name) =>
        BoardNamePattern().IsMatch(name) && !BoardAcl.ReservedNames.Contains(name) && !name.StartsWith("roboclub-", StringComparison.Ordinal);

    /// <summary>A fresh random password for one of the hub's own virtual boards, valid until the hub stops.</summary>
    public string CreateRuntimeLogin(string board)
    {
        string password = BoardCredentials.NewPassword();
        _runtime[board] = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return password;
    }

    public async ValueTask<BoardLoginCheck> CheckAsync(string user, ReadOnlyMemory<byte> password, CancellationToken cancellationToken)
    {
        if (!IsValidBoardName(user)) return BoardLoginCheck.UnknownUser;
        bool known = false;
        if (_runtime.TryGetValue(user, out var runtime))
        {
            known = true;
            if (CryptographicOperations.FixedTimeEquals(runtime, SHA256.HashData(password.Span))) return BoardLoginCheck.Valid;
        }
        if (!Stored().TryGetValue(user, out var stored)) return known ? BoardLoginCheck.WrongPassword : BoardLoginCheck.UnknownUser;
        if (!BoardPasswordHash.IsSlow(stored)) return BoardPasswordHash.Verify(password.Span, stored) ? BoardLoginCheck.Valid : BoardLoginCheck.WrongPassword;

        byte[] digest = HMACSHA256.HashData(_cacheKey, password.Span);
        if (_verified.TryGetValue(user, out var seen) && seen.Stored == stored && CryptographicOperations.FixedTimeEquals(seen.Digest, digest))
            return BoardLoginCheck.Valid;
        bool ok;
        await _hashing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ok = BoardPasswordHash.Verify(password.Span, stored);
        }
        finally
        {
            _hashing.Release();
        }
        if (!ok) return BoardLoginCheck.WrongPassword;
        _verified[user] = (stored, digest);
        return BoardLoginCheck.Valid;
    }

    /// <summary>User name → stored hash, from the inventory, at most <see cref="InventoryRefresh"/> old.</summary>
    Dictionary<string, string> Stored()
    {
        if (IsFresh()) return Volatile.Read(ref _stored);
        lock (_reload)
        {
            if (IsFresh()) return _stored;
            try
            {
                var stored = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var b in inventory.All())
                {
                    if (BoardPasswordHash.IsUsable(b.MqttPasswordHash)) stored[b.MqttUser] = b.MqttPasswordHash;
                    else if (Interlocked.Exchange(ref _unreadableLogged, 1) == 0)
                        logger.LogWarning("The inventory's password hash of board '{Board}' cannot be read: give it a new login with `roboclub boards add-login {Board}`.", b.Name, b.Name);
                }
                Volatile.Write(ref _stored, stored);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                // Keep the logins we had: a locked or damaged file must not lock every board out.
                logger.LogWarning("Cannot read the board inventory ({Message}); using the logins read before.", e.Message);
            }
            Volatile.Write(ref _loadedAt, Environment.TickCount64);
            Volatile.Write(ref _loaded, true);
            return _stored;
        }
    }

    bool IsFresh() => Volatile.Read(ref _loaded) && Environment.TickCount64 - Volatile.Read(ref _loadedAt) < (long)InventoryRefresh.TotalMilliseconds;
}
