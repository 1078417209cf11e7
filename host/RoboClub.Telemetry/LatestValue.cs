namespace RoboClub.Telemetry;

/// <summary>The newest sample of one series (for a dashboard's "now" tiles).</summary>
public sealed record LatestValue(string Series, long TimeMs, double Value);
