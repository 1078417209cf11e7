using System.Globalization;
using System.Text.RegularExpressions;

namespace RoboClub.Hub.Projects;

/// <summary>Names the hub makes up: copies ("Robot (copie)", "Robot (copie 2)") and imports that would clash.</summary>
static partial class ProjectNaming
{
    /// <summary>
    /// "X (copie)" in Romanian, "X (copy)" in English; copying a copy gives "X (copie 2)", not
    /// "X (copie) (copie)"; a number is added until the child has no project with that name.
    /// </summary>
    public static string Copy(string name, string language, IReadOnlyCollection<string> taken)
    {
        string word = language == "en" ? "copy" : "copie";
        string stem = CopySuffix().Replace(name, "");
        if (stem.Length == 0) stem = name;
        for (int n = 1; ; n++)
        {
            string suffix = n == 1 ? $" ({word})" : $" ({word} {n})";
            string candidate = Fit(stem, suffix);
            if (!Contains(taken, candidate)) return candidate;
        }
    }

    /// <summary>The name as it is if free, otherwise "X (2)", "X (3)", …</summary>
    public static string Free(string name, IReadOnlyCollection<string> taken)
    {
        if (!Contains(taken, name)) return name;
        for (int n = 2; ; n++)
        {
            string candidate = Fit(name, $" ({n})");
            if (!Contains(taken, candidate)) return candidate;
        }
    }

    static bool Contains(IReadOnlyCollection<string> taken, string name) => taken.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Shortens the stem (whole characters) so stem + suffix fits the name limit.</summary>
    static string Fit(string stem, string suffix)
    {
        var info = new StringInfo(stem);
        int room = ProjectLimits.MaxProjectNameLength - suffix.Length;
        string cut = info.LengthInTextElements <= room ? stem : info.SubstringByTextElements(0, room).TrimEnd();
        return cut + suffix;
    }

    [GeneratedRegex(@" \((copie|copy)( \d+)?\)$")]
    private static partial Regex CopySuffix();
}
