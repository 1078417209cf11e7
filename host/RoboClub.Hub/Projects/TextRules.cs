using System.Text;

namespace RoboClub.Hub.Projects;

/// <summary>Shared tidying of names typed by children on all kinds of keyboards.</summary>
static class TextRules
{
    /// <summary>
    /// Trims, collapses runs of whitespace to one space, writes the cedilla letters ş ţ (older
    /// Romanian keyboards) as the correct comma-below ș ț, and composes Romanian letters typed as a
    /// letter plus a combining accent, so "Ştefan", "Ștefan" and "S&#x326;tefan" are one name.
    /// (String.Normalize does nothing here: the hub runs with invariant globalization.)
    /// </summary>
    public static string Tidy(string? raw)
    {
        if (raw is null) return "";
        var sb = new StringBuilder(raw.Length);
        bool space = false;
        foreach (char c in raw.Trim())
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            if (sb.Length > 0 && Compose(sb[^1], c) is char composed) sb[^1] = composed;
            else sb.Append(c switch { 'ş' => 'ș', 'Ş' => 'Ș', 'ţ' => 'ț', 'Ţ' => 'Ț', _ => c });
        }
        return sb.ToString();
    }

    static char? Compose(char letter, char accent) => (letter, accent) switch
    {
        ('a', '\u0306') => 'ă', ('A', '\u0306') => 'Ă',
        ('a', '\u0302') => 'â', ('A', '\u0302') => 'Â',
        ('i', '\u0302') => 'î', ('I', '\u0302') => 'Î',
        ('s', '\u0326' or '\u0327') => 'ș', ('S', '\u0326' or '\u0327') => 'Ș',
        ('t', '\u0326' or '\u0327') => 'ț', ('T', '\u0326' or '\u0327') => 'Ț',
        _ => null,
    };
}
