namespace RoboClub.Telemetry;

/// <summary>
/// One measured value of one series: <paramref name="TimeMs"/> is wall-clock UTC time in
/// milliseconds since 1970-01-01 (the hub converts board time to this before storing).
/// </summary>
public readonly record struct TelemetrySample(string Series, long TimeMs, double Value);
