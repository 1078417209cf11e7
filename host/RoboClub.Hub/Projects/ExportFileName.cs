using System.Globalization;
using System.Text;

namespace RoboClub.Hub.Projects;

/// <summary>
/// The Content-Disposition of an exported project: an ASCII <c>filename</c> for old browsers
/// ("Mașina mea" → "Masina mea.roboclub.json") and the exact UTF-8 name in <c>filename*</c> (RFC 5987/6266).
/// Characters no file system accepts (/ \ : * ? " &lt; &gt; |) become "_" in both.
/// </summary>
public static class ExportFileName
{
    public const string Extension = ".roboclub.json";

    public static string ContentDisposition(string projectName)
    {
        string safe = Safe(projectName);
        string ascii = Ascii(safe);
        return $"attachment; filename=\"{ascii}{Extension}\"; filename*=UTF-8''{Uri.EscapeDataString(safe + Extension)}";
    }

    static string Safe(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name) sb.Append(char.IsControl(c) || "/\\:*?\"<>|".Contains(c) ? '_' : c);
        string s = sb.ToString().Trim().TrimStart('.');
        return s.Length == 0 ? "proiect" : s;
    }

    static string Ascii(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in Decompose(name))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue; // the accent of "ă" after decomposing
            char mapped = c switch { 'ș' or 'ş' => 's', 'Ș' or 'Ş' => 'S', 'ț' or 'ţ' => 't', 'Ț' or 'Ţ' => 'T', _ => c };
            sb.Append(char.IsAsciiLetterOrDigit(mapped) || " .-_()+,'!".Contains(mapped) ? mapped : '_');
        }
        string s = sb.ToString().Trim();
        return s.Trim('_').Length == 0 ? "proiect" : s;
    }

    static string Decompose(string s)
    {
        try { return s.Normalize(NormalizationForm.FormD); }
        catch (ArgumentException) { return s; }
    }
}
