using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RoboClub.Mqtt.Broker;

namespace RoboClub.Hub.Boards;

/// <summary>
/// How a board's MQTT password is stored in the inventory. New logins use mosquitto's own format,
/// <c>$7$101$SALT$HASH</c> (PBKDF2-HMAC-SHA512, 101 iterations, base64 salt of 12 bytes and hash of 64),
/// so a mosquitto password file can be made from the inventory (`roboclub boards mosquitto-passwd`).
/// </summary>
/// <remarks>
/// Why a fast hash: a board password is a random secret of about 116 bits (BoardCredentials), so no
/// dictionary or brute-force attack on a stolen hash can succeed, and slowing the hash only costs the
/// hub CPU when 1,000 boards reconnect after a restart (at 210,000 iterations: ~70 ms each, over a
/// minute of CPU; at 101: ~0.1 ms). Boards flashed before this version have the broker's slow
/// <c>pbkdf2-sha256$…</c> hashes (PasswordHasher): they are still accepted, and their successful
/// verifications are cached in memory by BoardLogins.
/// </remarks>
public static class BoardPasswordHash
{
    public const string MosquittoPrefix = "$7$";
    public const int MosquittoIterations = 101;
    const int SaltSize = 12;
    const int HashSize = 64;

    /// <summary>A new stored form of a board password, in mosquitto's <c>$7$</c> format.</summary>
    public static string Hash(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltSize);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, MosquittoIterations, HashAlgorithmName.SHA512, HashSize);
        return string.Create(CultureInfo.InvariantCulture, $"{MosquittoPrefix}{MosquittoIterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Can mosquitto read this stored form (a line <c>user:HASH</c> of its password file)?</summary>
    public static bool IsMosquittoFormat(string stored) => TryParseMosquitto(stored, out _, out _, out _);

    /// <summary>Is this a stored form the hub can check (mosquitto's $7$ or the broker's pbkdf2-sha256)?</summary>
    public static bool IsUsable(string stored) => IsMosquittoFormat(stored) || PasswordHasher.TryParse(stored, out _, out _);

    /// <summary>Is checking this stored form expensive (the broker's slow format)? Such results are worth caching.</summary>
    public static bool IsSlow(string stored) => !IsMosquittoFormat(stored);

    /// <summary>Does the password (the bytes of CONNECT) match the stored form? False for a form the hub cannot read.</summary>
    public static bool Verify(ReadOnlySpan<byte> password, string stored)
    {
        if (TryParseMosquitto(stored, out int iterations, out byte[] salt, out byte[] expected))
        {
            Span<byte> computed = stackalloc byte[HashSize];
            Rfc2898DeriveBytes.Pbkdf2(password, salt, computed, iterations, HashAlgorithmName.SHA512);
            return CryptographicOperations.FixedTimeEquals(computed, expected);
        }
        return PasswordHasher.TryParse(stored, out var slow, out _) && PasswordHasher.Verify(password, slow!);
    }

    static bool TryParseMosquitto(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (!stored.StartsWith(MosquittoPrefix, StringComparison.Ordinal)) return false;
        string[] parts = stored[MosquittoPrefix.Length..].Split('$');
        // Few iterations are the point (see remarks), but not absurdly many: one login must stay cheap.
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > 100_000)
            return false;
        try
        {
            salt = Convert.FromBase64String(parts[1]);
            hash = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length >= 8 && hash.Length == HashSize;
    }
}
