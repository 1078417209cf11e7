namespace RoboClub.Telemetry;

/// <summary>Names one series: a board's named stream of values, e.g. club "arad", board "station-1", series "temperature".</summary>
public readonly record struct SeriesKey(string Club, string Board, string Series)
{
    internal void Check()
    {
        TelemetryNames.Check(Club, "club name", nameof(Club));
        TelemetryNames.Check(Board, "board name", nameof(Board));
        TelemetryNames.Check(Series, "series name", nameof(Series));
    }
}
