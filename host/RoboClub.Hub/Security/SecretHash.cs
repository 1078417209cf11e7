using System.Security.Cryptography;
using System.Text;

namespace RoboClub.Hub.Security;

/// <summary>
/// Salted PBKDF2-SHA256 hashes written as <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64), so the
/// iteration count can grow later without breaking stored hashes. Compared in constant time.
/// </summary>
public static class SecretHash
{
    const string Scheme = "pbkdf2-sha256";

    public static string Hash(string secret, int iterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>False for a wrong secret and for anything that is not a hash this class wrote.</summary>
    public static bool Verify(string secret, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out int iterations) || iterations < 1) return false;
        try
        {
            byte[] salt = Convert.FromBase64String(parts[2]), expected = Convert.FromBase64String(parts[3]);
            byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The iteration count a stored hash was made with (0 when it is not one of ours).</summary>
    public static int Iterations(string stored) =>
        stored.Split('$') is [Scheme, var n, _, _] && int.TryParse(n, out int i) ? i : 0;
}
