namespace RoboClub.Telemetry;

/// <summary>What is stored for one series: the first and last sample's time and how many samples there are.</summary>
public sealed record SeriesInfo(string Series, long FirstMs, long LastMs, long Count);
