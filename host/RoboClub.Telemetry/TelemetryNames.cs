namespace RoboClub.Telemetry;

/// <summary>
/// Rules for club, board and series names. They arrive from boards and browsers (untrusted), end
/// up in CSV files and in charts' legends, so they are short and made of a few safe characters:
/// 1 to 32 letters (English or Romanian: ă â î ș ț, also the older cedilla forms ş ţ), digits,
/// '-', '_' and '.'. No spaces, commas, quotes, slashes or control characters.
/// </summary>
public static class TelemetryNames
{
    public const int MaxLength = 32;

    // Both the comma-below letters (the correct ones) and the cedilla letters old keyboards type.
    const string RomanianLetters = "ăâîșțĂÂÎȘȚşţŞŢ";

    /// <summary>Null when <paramref name="name"/> is a valid name, otherwise why not (in English).</summary>
    public static string? Problem(string? name, string what = "name")
    {
        if (string.IsNullOrEmpty(name)) return $"The {what} is empty.";
        if (name.Length > MaxLength) return $"The {what} is longer than {MaxLength} characters.";
        foreach (char c in name)
            if (!IsAllowed(c))
                return $"The {what} \"{Printable(name)}\" contains '{Printable(c.ToString())}'; use letters, digits, '-', '_' or '.'.";
        return null;
    }

    public static bool IsValid(string? name) => Problem(name) is null;

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when the name is not valid.</summary>
    public static void Check(string? name, string what, string paramName)
    {
        if (Problem(name, what) is { } problem) throw new ArgumentException(problem, paramName);
    }

    static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.'
        || RomanianLetters.Contains(c);

    // Error messages quote the bad name; control characters would garble a log line.
    static string Printable(string s)
    {
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
        return new string(chars);
    }
}
