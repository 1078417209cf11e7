using System.Globalization;
using System.Text.RegularExpressions;

namespace RoboClub.Flashing.Provisioning;

/// <summary>
/// Automatic board names: the kind's prefix and the next free two-digit number (meteo-01,
/// meteo-02, ...; robot-100 after robot-99). Numbers are never reused, even when a board left the
/// inventory, so an old label never points to a new board.
/// </summary>
public static partial class BoardNaming
{
    [GeneratedRegex(@"^(?<prefix>[a-z]+)-(?<n>\d{2,})$")] private static partial Regex Numbered();

    public static string Next(BoardKind kind, IEnumerable<string> takenNames)
    {
        string prefix = kind.NamePrefix();
        int highest = 0;
        foreach (var name in takenNames)
            if (Numbered().Match(name) is { Success: true } m && m.Groups["prefix"].Value == prefix
                && int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
                highest = Math.Max(highest, n);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{highest + 1:D2}");
    }
}
