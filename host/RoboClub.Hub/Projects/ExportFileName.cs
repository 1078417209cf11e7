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

    internal static string Safe(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name) sb.Append(char.IsControl(c) || "/\\:*?\"<>|".Contains(c) ? '_' : c);
        string s = sb.ToString().Trim().TrimStart('.');
        return s.Length == 0 ? "proiect" : s;
    }

    static string Ascii(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
        {
            char mapped = Plain.TryGetValue(c, out char p) ? p : c;
            sb.Append(char.IsAsciiLetterOrDigit(mapped) || " .-_()+,'!".Contains(mapped) ? mapped : '_');
        }
        string s = sb.ToString().Trim();
        return s.Trim('_').Length == 0 ? "proiect" : s;
    }

    // An explicit table: the hub runs with invariant globalization, where Unicode decomposition is not available.
    static readonly Dictionary<char, char> Plain = new[]
    {
        ("ăâáàäãåą", 'a'), ("ĂÂÁÀÄÃÅĄ", 'A'), ("îíìïı", 'i'), ("ÎÍÌÏİ", 'I'), ("șşśš", 's'), ("ȘŞŚŠ", 'S'),
        ("țţ", 't'), ("ȚŢ", 'T'), ("éèêëěę", 'e'), ("ÉÈÊËĚĘ", 'E'), ("óòôöőõø", 'o'), ("ÓÒÔÖŐÕØ", 'O'),
        ("úùûüűů", 'u'), ("ÚÙÛÜŰŮ", 'U'), ("çčć", 'c'), ("ÇČĆ", 'C'), ("ñńň", 'n'), ("ÑŃŇ", 'N'),
        ("žźż", 'z'), ("ŽŹŻ", 'Z'), ("ýÿ", 'y'), ("Ý", 'Y'), ("ł", 'l'), ("Ł", 'L'), ("ř", 'r'), ("Ř", 'R'), ("ď", 'd'), ("Ď", 'D'), ("ğ", 'g'), ("Ğ", 'G'),
    }.SelectMany(pair => pair.Item1.Select(c => (c, pair.Item2))).ToDictionary(p => p.c, p => p.Item2);
}
