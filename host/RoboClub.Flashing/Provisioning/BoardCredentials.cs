using System.Security.Cryptography;

namespace RoboClub.Flashing.Provisioning;

/// <summary>
/// Each board's own MQTT login: the user is the board's name, the password 20 random characters from
/// an alphabet without look-alikes (no 0/O, 1/l/I), about 115 bits. The plain password goes only into
/// the board's roboclub.json; the hub keeps a slow hash.
/// </summary>
public static class BoardCredentials
{
    const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int PasswordLength = 20;

    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, PasswordLength);
}
