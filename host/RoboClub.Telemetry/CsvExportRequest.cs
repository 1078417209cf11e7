namespace RoboClub.Telemetry;

/// <summary>
/// What to export as CSV: every listed series, plus every series of every listed board, of one club,
/// in <see cref="Range"/>. Rows are in time order across all of them (see TelemetryCsv for the format).
/// </summary>
public sealed record CsvExportRequest(string Club, TimeRange Range)
{
    /// <summary>At most this many series in one export (each is one open cursor while merging).</summary>
    public const int MaxSeries = 1000;

    /// <summary>Board name and series name pairs.</summary>
    public IReadOnlyList<(string Board, string Series)> Series { get; init; } = [];

    /// <summary>Boards whose every series is exported.</summary>
    public IReadOnlyList<string> Boards { get; init; } = [];

    internal void Check()
    {
        TelemetryNames.Check(Club, "club name", nameof(Club));
        foreach (var (board, series) in Series)
        {
            TelemetryNames.Check(board, "board name", nameof(Series));
            TelemetryNames.Check(series, "series name", nameof(Series));
        }
        foreach (var board in Boards) TelemetryNames.Check(board, "board name", nameof(Boards));
        if (Series.Count == 0 && Boards.Count == 0)
            throw new ArgumentException("Choose at least one series or board to export.", nameof(Series));
        if (Series.Count > MaxSeries)
            throw new ArgumentException($"At most {MaxSeries} series can be exported at once.", nameof(Series));
    }
}
