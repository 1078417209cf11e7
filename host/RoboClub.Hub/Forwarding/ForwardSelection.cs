using RoboClub.Telemetry;

namespace RoboClub.Hub.Forwarding;

/// <summary>
/// Which series a club hub forwards (`--forward-series`, `--forward-boards`). The librarian chooses;
/// without a choice, the weather quantities boards record by themselves (docs/protocol.md,
/// <c>telemetryPeriod</c>) from every board. "*" means every series / every board.
/// </summary>
public sealed class ForwardSelection
{
    /// <summary>The default: what weather stations record on their own, not children's own Plot names.</summary>
    public static readonly string[] WeatherSeries = ["temperature", "humidity", "pressure", "light", "wind", "rain"];

    readonly HashSet<string>? _series, _boards; // null: every one

    ForwardSelection(HashSet<string>? series, HashSet<string>? boards) { _series = series; _boards = boards; }

    public bool IncludesBoard(string board) => _boards is null || _boards.Contains(board);

    public bool Includes(string board, string series) => IncludesBoard(board) && (_series is null || _series.Contains(series));

    public string Describe() =>
        $"{(_series is null ? "every series" : string.Join(",", _series.Order(StringComparer.Ordinal)))} of {(_boards is null ? "every board" : string.Join(",", _boards.Order(StringComparer.Ordinal)))}";

    /// <summary>Reads the two settings; throws <see cref="ArgumentException"/> (English and Romanian) on a bad name.</summary>
    public static ForwardSelection Parse(string? series, string? boards) =>
        new(string.IsNullOrWhiteSpace(series) ? [.. WeatherSeries] : List(series, "--forward-series"), List(boards, "--forward-boards"));

    /// <summary>Null for "*" or nothing; otherwise the names.</summary>
    static HashSet<string>? List(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Contains("*")) return null;
        foreach (var n in names)
            if (!TelemetryNames.IsValid(n))
                throw new ArgumentException($"{option}: \"{n}\" is not a valid name (1–32 letters, digits, '-', '_' or '.'); separate names with commas, or give * for all.\n" +
                                            $"{option}: „{n}” nu e un nume valid (1–32 de litere, cifre, „-”, „_” sau „.”); desparte numele prin virgule sau scrie * pentru toate.");
        return names.Length == 0 ? null : names.ToHashSet(StringComparer.Ordinal);
    }
}
