namespace RoboClub.Hub.Boards;

/// <summary>
/// An external broker's address as a librarian or admin writes it: <c>mqtt://host:port</c>, with
/// optional <c>user:password@</c> (percent-encoded). Port 1883 when left out.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, string? UserName, string? Password)
{
    public const int DefaultPort = 1883;

    /// <summary>The address, or an <see cref="ArgumentException"/> whose message says in English and Romanian what is wrong.</summary>
    public static BrokerAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "mqtt" || string.IsNullOrEmpty(uri.Host)
            || (uri.AbsolutePath is not ("" or "/")) || uri.Query.Length > 0)
            throw new ArgumentException($"--broker must look like mqtt://host:1883 or mqtt://user:password@host:1883 (not '{Redacted(text)}'). / " +
                                        $"--broker trebuie să arate ca mqtt://gazdă:1883 sau mqtt://utilizator:parolă@gazdă:1883 (nu „{Redacted(text)}”).");
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            int colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        return new BrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? DefaultPort : uri.Port, user, password);
    }

    /// <summary>For logs and the console: never the password.</summary>
    public override string ToString() => $"mqtt://{(UserName is null ? "" : UserName + "@")}{Host}:{Port}";

    static string Redacted(string text)
    {
        int at = text.IndexOf('@'), scheme = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme >= 0 && at > scheme ? text[..(scheme + 3)] + "…@" + text[(at + 1)..] : text;
    }
}
