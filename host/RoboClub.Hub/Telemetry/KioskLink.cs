namespace RoboClub.Hub.Telemetry;

/// <summary>
/// The address a QR code opens: the hub's LAN address plus a page path such as
/// <c>/kiosk.html?board=station-1</c> (so a visitor's phone opens the kiosk's read-only view).
/// Only paths on the hub itself: they start with one '/', are at most 200 printable ASCII characters.
/// </summary>
public static class KioskLink
{
    public const int MaxPathLength = 200;

    /// <summary>The full URL, or null when <paramref name="path"/> is not a path on the hub.</summary>
    public static string? Build(string lanUrl, string? path)
    {
        if (string.IsNullOrEmpty(path)) return lanUrl;
        if (path.Length > MaxPathLength || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\')) return null;
        foreach (char c in path) if (c <= ' ' || c > '~') return null;
        return lanUrl.TrimEnd('/') + path;
    }
}
