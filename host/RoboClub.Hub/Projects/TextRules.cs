using System.Text;

namespace RoboClub.Hub.Projects;

/// <summary>Shared tidying of names typed by children on all kinds of keyboards.</summary>
static class TextRules
{
    /// <summary>
    /// Trims, collapses runs of whitespace to one space, composes accents (NFC) and replaces the
    /// cedilla letters ş ţ (older Romanian keyboards) with the correct comma-below ș ț, so
    /// "Ştefan" and "Ștefan" are one name.
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
            sb.Append(c switch { 'ş' => 'ș', 'Ş' => 'Ș', 'ţ' => 'ț', 'Ţ' => 'Ț', _ => c });
        }
        string s = sb.ToString();
        try { return s.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { return s; } // lone surrogates: the character rules refuse them later
    }
}
