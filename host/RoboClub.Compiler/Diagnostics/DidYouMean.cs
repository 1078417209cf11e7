using System.Text;

namespace RoboClub.Compiler.Diagnostics;

/// <summary>Finds the known name closest to a misspelled one: case- and diacritics-insensitive edit distance.</summary>
public static class DidYouMean
{
    /// <summary>
    /// The closest candidate to <paramref name="name"/>, or null when nothing is close enough.
    /// A candidate equal to <paramref name="name"/> (ordinal) is never suggested.
    /// </summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (name.Length == 0) return null;
        string folded = Fold(name);
        int limit = MaxDistance(folded.Length);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(candidate) || candidate == name) continue;
            string c = Fold(candidate);
            if (Math.Abs(c.Length - folded.Length) > limit) continue;
            int d = Distance(folded, c);
            if (d > limit) continue;
            // Smallest distance wins; on a tie the first in ordinal order (candidates are sorted).
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /// <summary>
    /// How many edits we accept: none for one-letter names (only case and diacritics may differ),
    /// 1 up to 5 letters, then about a third of the length.
    /// </summary>
    public static int MaxDistance(int length) => length switch
    {
        <= 1 => 0,
        <= 5 => 1,
        _ => Math.Max(2, length / 3),
    };

    /// <summary>Lower-case and strip diacritics (Romanian ă â î ș ț, both comma and cedilla forms, and common Latin accents).</summary>
    public static string Fold(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char ch in s)
        {
            char c = char.ToLowerInvariant(ch);
            sb.Append(c switch
            {
                'ă' or 'â' or 'á' or 'à' or 'ä' or 'ã' or 'å' => 'a',
                'î' or 'í' or 'ì' or 'ï' => 'i',
                'ș' or 'ş' or 'š' or 'ś' => 's',
                'ț' or 'ţ' => 't',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'ó' or 'ò' or 'ô' or 'ö' or 'õ' => 'o',
                'ú' or 'ù' or 'û' or 'ü' => 'u',
                'ç' or 'č' or 'ć' => 'c',
                'ñ' => 'n',
                'ž' or 'ź' or 'ż' => 'z',
                _ => c,
            });
        }
        return sb.ToString();
    }

    /// <summary>Optimal-string-alignment distance (insert, delete, replace, swap two neighbours).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                d[i, j] = v;
            }
        }
        return d[a.Length, b.Length];
    }
}
