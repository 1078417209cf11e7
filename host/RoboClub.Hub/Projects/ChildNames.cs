namespace RoboClub.Hub.Projects;

/// <summary>
/// What a child may call themselves: 1..30 characters of letters (any alphabet, so ș ț ă î â and
/// Hungarian ő ű too), digits, spaces and hyphens, with at least one letter or digit. No e-mail,
/// no surname required: a first name or a nickname is enough.
/// </summary>
public static class ChildNames
{
    public const int MaxLength = 30;

    /// <summary>The name as stored (trimmed, spaces collapsed, old cedilla ş ţ written as ș ț), or null if it is not allowed.</summary>
    public static string? Clean(string? raw)
    {
        string name = TextRules.Tidy(raw);
        if (name.Length is 0 or > MaxLength) return null;
        if (!name.All(c => char.IsLetter(c) || char.IsAsciiDigit(c) || c == ' ' || c == '-')) return null;
        if (!name.Any(char.IsLetterOrDigit)) return null;
        return name;
    }

    /// <summary>The key that makes (name, colour) unique: "ana" and "Ana" are the same child.</summary>
    public static string Key(string cleanName) => cleanName.ToLowerInvariant();
}
