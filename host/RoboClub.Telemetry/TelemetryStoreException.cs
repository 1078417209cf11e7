namespace RoboClub.Telemetry;

/// <summary>
/// The store cannot use its database: the file is damaged, not a telemetry database, made by a newer
/// RoboClub, or locked by another program. The message says which and what to do; the file is never
/// changed or deleted when this is thrown on opening.
/// </summary>
public sealed class TelemetryStoreException : Exception
{
    public TelemetryStoreException(string message) : base(message) { }
    public TelemetryStoreException(string message, Exception inner) : base(message, inner) { }
}
