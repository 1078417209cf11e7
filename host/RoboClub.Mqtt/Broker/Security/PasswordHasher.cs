using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Mqtt.Broker;

/// <summary>A parsed password hash: PBKDF2-HMAC-SHA256 with its iteration count and salt.</summary>
public sealed class PasswordHash
{
    internal PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        Salt = salt;
        Hash = hash;
    }

    public int Iterations { get; }
    public ReadOnlyMemory<byte> Salt { get; }
    public ReadOnlyMemory<byte> Hash { get; }

    /// <summary>The stored form, <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PasswordHasher.Scheme}${Iterations}${Convert.ToBase64String(Salt.Span)}${Convert.ToBase64String(Hash.Span)}");
}

/// <summary>
/// Password hashes for the broker's config file: PBKDF2-HMAC-SHA256, a random 16-byte salt, a
/// 32-byte hash, stored as <c>pbkdf2-sha256$210000$&lt;salt-base64&gt;$&lt;hash-base64&gt;</c>.
/// </summary>
public static class PasswordHasher
{
    public const string Scheme = "pbkdf2-sha256";
    /// <summary>Iterations of new hashes (about 60–80 ms on the club PC).</summary>
    public const int DefaultIterations = 210_000;
    /// <summary>Weaker stored hashes are refused.</summary>
    public const int MinimumIterations = 100_000;
    /// <summary>Stronger stored hashes are refused too: one login must not cost seconds of CPU.</summary>
    public const int MaximumIterations = 10_000_000;
    const int SaltSize = 16;
    const int HashSize = 32;

    /// <summary>Hashes a password (UTF-8) with a fresh random salt.</summary>
    public static PasswordHash Hash(string password, int iterations = DefaultIterations) =>
        Hash(Encoding.UTF8.GetBytes(password), iterations);

    /// <summary>Hashes a password given as the bytes a client sends in CONNECT.</summary>
    public static PasswordHash Hash(ReadOnlySpan<byte> password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaximumIterations);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltSize);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, HashSize);
        return new PasswordHash(iterations, salt, hash);
    }

    /// <summary>Parses the stored form; <paramref name="error"/> says what is wrong otherwise.</summary>
    public static bool TryParse(string encoded, out PasswordHash? hash, out string error)
    {
        hash = null;
        string[] parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            error = $"a password hash looks like {Scheme}$ITERATIONS$SALT$HASH (make one with `roboclub broker passwd`)";
            return false;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) ||
            iterations < MinimumIterations || iterations > MaximumIterations)
        {
            error = $"the iteration count of a password hash must be a number from {MinimumIterations} to {MaximumIterations}";
            return false;
        }
        byte[] salt, bytes;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            bytes = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            error = "the salt and hash of a password hash must be base64";
            return false;
        }
        if (salt.Length < SaltSize || bytes.Length != HashSize)
        {
            error = $"a password hash needs a salt of at least {SaltSize} bytes and a hash of {HashSize} bytes";
            return false;
        }
        hash = new PasswordHash(iterations, salt, bytes);
        error = "";
        return true;
    }

    /// <summary>Does the password give this hash? Constant-time comparison.</summary>
    public static bool Verify(ReadOnlySpan<byte> password, PasswordHash hash)
    {
        Span<byte> computed = stackalloc byte[HashSize];
        Rfc2898DeriveBytes.Pbkdf2(password, hash.Salt.Span, computed, hash.Iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(computed, hash.Hash.Span);
    }

    public static bool Verify(string password, PasswordHash hash) => Verify(Encoding.UTF8.GetBytes(password), hash);
}
